interface RetryRules {
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

/**
 * When to try again after the `attempts`-th failure: exponential backoff with "equal
 * jitter": with c = min(max, base · 2^(attempts-1)), a uniform draw in [c/2, c], so
 * deliveries that failed together (a processor's outage) do not all come back at the same
 * instant, and none comes back at once. Undefined once `maxAttempts` are spent. `random`
 * is injectable for tests.
 */
export function nextAttemptAfter(
  attempts: number,
  now: number,
  rules: RetryRules,
  random: () => number = Math.random,
): number | undefined {
  if (attempts >= rules.maxAttempts) return undefined;
  const ceiling = Math.min(rules.retryMaxMs, rules.retryBaseMs * 2 ** Math.min(attempts - 1, 40));
  return now + Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

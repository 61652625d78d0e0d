/** The shortest and the longest wait between retries. */
export interface Backoff {
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * The longest wait after the `failures`-th failure in a row (1 = the first): `minMs`
 * doubled for each further failure, capped at `maxMs`. The exponent stops at 16 so that a
 * long outage cannot overflow it.
 */
export function backoffCeilingMs(failures: number, backoff: Backoff): number {
  return Math.min(backoff.minMs * 2 ** Math.min(failures - 1, 16), backoff.maxMs);
}

/**
 * The wait after the `failures`-th failure in a row, drawn uniformly from [ceiling/2,
 * ceiling] ("equal jitter"): clients that failed together (a store restart) do not all come
 * back at the same instant, and none comes back at once. `random` is injectable for tests.
 */
export function jitteredBackoffMs(
  failures: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const ceiling = backoffCeilingMs(failures, backoff);
  return ceiling / 2 + random() * (ceiling / 2);
}

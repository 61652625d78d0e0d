/** What counting one request found; times are in whole seconds. */
interface CountedHit {
  readonly totalHits: number;
  readonly timeToExpire: number;
  readonly isBlocked: boolean;
  readonly timeToBlockExpire: number;
}

interface Window {
  readonly index: number;
  hits: number;
}

/**
 * Rate-limit counts in fixed windows: O(1) per request and one small entry per active
 * credential. (@nestjs/throttler's storage keeps one timestamp per hit and scans them on every
 * request, which costs more than the check it guards at high request rates.) A burst
 * may reach twice the limit across a window boundary; the budget is approximate by design.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request against `key`'s budget of `limit` per `ttlMs`. */
  hit(key: string, ttlMs: number, limit: number): CountedHit {
    const now = this.now();
    const index = Math.floor(now / ttlMs);
    this.sweep(now, ttlMs, index);
    let window = this.windows.get(key);
    if (!window || window.index !== index) {
      window = { index, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const secondsLeft = Math.max(1, Math.ceil(((index + 1) * ttlMs - now) / 1000));
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  /** Drops windows that ended, at most once per window length. */
  private sweep(now: number, ttlMs: number, index: number): void {
    if (now - this.sweptAt < ttlMs) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) {
      if (window.index < index) this.windows.delete(key);
    }
  }
}

import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  readonly index: number;
  hits: number;
}

/**
 * Rate-limit counts in fixed windows: O(1) per request and one small entry per active
 * credential. (The throttler's default storage keeps one timestamp per hit and scans them on
 * every request, which costs more than the check it guards at high request rates.) A burst
 * may reach twice the limit across a window boundary; the budget is approximate by design.
 */
export class FixedWindowCounter implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, ttlMs: number, limit: number) {
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
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    });
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

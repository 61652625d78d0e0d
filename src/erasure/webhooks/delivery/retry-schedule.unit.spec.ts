import { nextAttemptAfter } from './retry-schedule';

describe('nextAttemptAfter', () => {
  const rules = { maxAttempts: 5, retryBaseMs: 1000, retryMaxMs: 6000 };

  it('doubles the ceiling per failure up to the maximum, drawing in its upper half', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => nextAttemptAfter(n, 0, rules, low))).toEqual([
      500, 1000, 2000, 3000,
    ]);
    expect([1, 2, 3, 4].map((n) => nextAttemptAfter(n, 0, rules, high))).toEqual([
      999, 1999, 3999, 5999,
    ]);
  });

  it('gives up after the last attempt', () => {
    expect(nextAttemptAfter(5, 0, rules)).toBeUndefined();
    expect(nextAttemptAfter(4, 100, rules)).toBeGreaterThanOrEqual(3100);
  });
});

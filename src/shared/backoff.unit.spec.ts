import fc from 'fast-check';
import { backoffCeilingMs, jitteredBackoffMs, type Backoff } from './backoff';

const backoffs = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 600_000 }))
  .map(([minMs, spread]): Backoff => ({ minMs, maxMs: minMs + spread }));
const failureCounts = fc.integer({ min: 1, max: 10_000 });

describe('backoff', () => {
  it('doubles from the minimum after each failure up to the maximum', () => {
    const backoff = { minMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoffCeilingMs(failures, backoff))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('stays within [min, max] and never shrinks as failures add up', () => {
    fc.assert(
      fc.property(backoffs, failureCounts, (backoff, failures) => {
        const ceiling = backoffCeilingMs(failures, backoff);
        expect(ceiling).toBeGreaterThanOrEqual(backoff.minMs);
        expect(ceiling).toBeLessThanOrEqual(backoff.maxMs);
        expect(backoffCeilingMs(failures + 1, backoff)).toBeGreaterThanOrEqual(ceiling);
      }),
    );
  });

  it('stays finite however long the outage', () => {
    expect(backoffCeilingMs(1e9, { minMs: 1, maxMs: Infinity })).toBe(2 ** 16);
  });

  it('draws the jittered wait from the upper half of the ceiling', () => {
    fc.assert(
      fc.property(
        backoffs,
        failureCounts,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (backoff, failures, draw) => {
          const ceiling = backoffCeilingMs(failures, backoff);
          const wait = jitteredBackoffMs(failures, backoff, () => draw);
          expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
          expect(wait).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('maps the ends of the draw to half the ceiling and (almost) the ceiling', () => {
    const backoff = { minMs: 100, maxMs: 1_000 };
    expect(jitteredBackoffMs(3, backoff, () => 0)).toBe(200);
    expect(jitteredBackoffMs(3, backoff, () => 0.5)).toBe(300);
  });
});

import {
  appendMerged,
  clipFrom,
  inRange,
  overlapsRange,
  subtract,
  type ValidTimeInterval,
} from './valid-time-interval';

describe('half-open valid-time intervals', () => {
  it('overlap a range only where they share an instant: [start, end) meets [end, …) in none', () => {
    expect(overlapsRange({ start: 10, end: 20 }, 20, 30)).toBe(false);
    expect(overlapsRange({ start: 10, end: 20 }, 0, 10)).toBe(false);
    expect(overlapsRange({ start: 10, end: 20 }, 19, 30)).toBe(true);
    expect(overlapsRange({ start: 10 }, 1_000, undefined)).toBe(true);
    expect(overlapsRange({ start: 10, end: 20 }, undefined, undefined)).toBe(true);
  });

  it('compare ISO-8601 instants of the fixed form as text', () => {
    const window = { start: '2026-05-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' };
    expect(overlapsRange(window, '2026-06-01T00:00:00.000Z', undefined)).toBe(false);
    expect(overlapsRange(window, undefined, '2026-05-01T00:00:00.001Z')).toBe(true);
    expect(inRange('2026-05-01T00:00:00.000Z', window.start, window.end)).toBe(true);
    expect(inRange(window.end, window.start, window.end)).toBe(false);
  });

  it('clip to what lies from an instant on, and leave nothing when nothing does', () => {
    expect(clipFrom({ start: 5, end: 15 }, 10)).toEqual({ start: 10, end: 15 });
    expect(clipFrom({ start: 5 }, 10)).toEqual({ start: 10 });
    expect(clipFrom({ start: 5, end: 10 }, 10)).toBeUndefined();
    expect(clipFrom({ start: 12, end: 15 }, 10)).toEqual({ start: 12, end: 15 });
  });

  it('merge intervals that meet or overlap, and drop empty ones', () => {
    const merged: { start: number; end?: number }[] = [];
    appendMerged(merged, 0, 10);
    appendMerged(merged, 10, 20);
    appendMerged(merged, 15, 18);
    appendMerged(merged, 25, 25);
    appendMerged(merged, 30, undefined);
    appendMerged(merged, 40, 50);
    expect(merged).toEqual([{ start: 0, end: 20 }, { start: 30 }]);
  });

  it('subtract holes, leaving the uncovered stretches in order', () => {
    const holes: ValidTimeInterval[] = [
      { start: 10, end: 20 },
      { start: 30, end: 40 },
    ];
    expect(subtract({ start: 0 }, holes)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
      { start: 40 },
    ]);
    expect(subtract({ start: 0, end: 35 }, holes)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ]);
    expect(subtract({ start: 10, end: 20 }, holes)).toEqual([]);
    expect(subtract({ start: 0 }, [{ start: 0, end: 5 }, { start: 8 }])).toEqual([
      { start: 5, end: 8 },
    ]);
    expect(subtract({ start: 0, end: 0 }, holes)).toEqual([]);
  });
});

import { floorOf, nextLimit } from './adaptive-limit';

describe('nextLimit', () => {
  it('takes a quarter off after a late window, down to an eighth of the ceiling', () => {
    expect(nextLimit(64, 64, 51, 50)).toBe(48);
    expect(nextLimit(48, 64, 500, 50)).toBe(36);
    expect(nextLimit(9, 64, 500, 50)).toBe(8);
    expect(nextLimit(8, 64, 500, 50)).toBe(8);
  });

  it('adds a quarter back (at least one) after a timely window, up to the ceiling', () => {
    expect(nextLimit(8, 64, 50, 50)).toBe(10);
    expect(nextLimit(1, 8, 0, 50)).toBe(2);
    expect(nextLimit(60, 64, 10, 50)).toBe(64);
    expect(nextLimit(64, 64, 10, 50)).toBe(64);
  });

  it('climbs from the floor back to the ceiling within a dozen windows', () => {
    let limit = floorOf(64);
    let windows = 0;
    while (limit < 64) {
      limit = nextLimit(limit, 64, 0, 50);
      windows += 1;
    }
    expect(windows).toBeLessThanOrEqual(12);
  });

  it('keeps at least one slot', () => {
    expect(floorOf(1)).toBe(1);
    expect(floorOf(2)).toBe(1);
    expect(nextLimit(1, 2, 1000, 50)).toBe(1);
  });
});

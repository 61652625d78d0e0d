import { FixedWindowCounter } from './fixed-window-counter';

describe('FixedWindowCounter', () => {
  it('blocks the hit after the limit until the window ends, then counts afresh', () => {
    let now = 10_000;
    const counter = new FixedWindowCounter(() => now);
    for (let hit = 1; hit <= 3; hit++) {
      expect(counter.hit('key:a', 1000, 3)).toMatchObject({
        isBlocked: false,
        totalHits: hit,
      });
    }
    now += 400;
    expect(counter.hit('key:a', 1000, 3)).toEqual({
      totalHits: 4,
      timeToExpire: 1,
      isBlocked: true,
      timeToBlockExpire: 1,
    });
    expect(counter.hit('key:b', 1000, 3)).toMatchObject({
      isBlocked: false,
      totalHits: 1,
    });
    now += 600;
    expect(counter.hit('key:a', 1000, 3)).toMatchObject({
      isBlocked: false,
      totalHits: 1,
    });
  });

  it('reports the seconds left in a long window', () => {
    const counter = new FixedWindowCounter(() => 61_000);
    counter.hit('k', 60_000, 1);
    expect(counter.hit('k', 60_000, 1)).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 59,
    });
  });
});

import { PositionStampedCache } from './position-stamped-cache';

describe('PositionStampedCache', () => {
  it('gives back what was read at the same position', () => {
    const cache = new PositionStampedCache<string>(10);
    expect(cache.get(5n, 'a')).toBeUndefined();
    cache.set(5n, 'a', 'read at 5');
    expect(cache.get(5n, 'a')).toBe('read at 5');
  });

  it('forgets everything once the projection stands elsewhere', () => {
    const cache = new PositionStampedCache<string>(10);
    cache.get(5n, 'a');
    cache.set(5n, 'a', 'read at 5');
    expect(cache.get(6n, 'a')).toBeUndefined();
    expect(cache.get(5n, 'a')).toBeUndefined();
  });

  it('does not keep a value read at a position the projection has left meanwhile', () => {
    const cache = new PositionStampedCache<string>(10);
    cache.get(5n, 'a');
    cache.get(6n, 'b');
    cache.set(5n, 'a', 'read at 5');
    expect(cache.get(6n, 'a')).toBeUndefined();
  });

  it('starts afresh when full', () => {
    const cache = new PositionStampedCache<string>(2);
    cache.get(1n, 'a');
    cache.set(1n, 'a', 'A');
    cache.set(1n, 'b', 'B');
    cache.set(1n, 'c', 'C');
    expect([cache.get(1n, 'a'), cache.get(1n, 'b'), cache.get(1n, 'c')]).toEqual([
      undefined,
      undefined,
      'C',
    ]);
  });
});

import fc from 'fast-check';
import { START as FROM_START } from '@kurrent/kurrentdb-client';
import { START } from '../event-store.port';
import { KurrentDbUnsupportedError } from './kurrentdb.errors';
import { toGlobalPosition, toReadPosition } from './kurrentdb-position';

describe('KurrentDB position mapping', () => {
  describe('toGlobalPosition', () => {
    it('uses the commit position of a self-committed event', () => {
      expect(toGlobalPosition({ commit: 4_096n, prepare: 4_096n })).toBe(4_096n);
    });

    it('keeps positions beyond 2^53 exact', () => {
      const big = 2n ** 60n + 7n;
      expect(toGlobalPosition({ commit: big, prepare: big })).toBe(big);
    });

    it('refuses a legacy transaction position whose prepare differs from its commit', () => {
      expect(() => toGlobalPosition({ commit: 900n, prepare: 512n })).toThrow(
        KurrentDbUnsupportedError,
      );
    });

    it('refuses a position at or before the start, which no event can have', () => {
      expect(() => toGlobalPosition({ commit: 0n, prepare: 0n })).toThrow(
        KurrentDbUnsupportedError,
      );
    });
  });

  describe('toReadPosition', () => {
    it('starts from the beginning of $all for START', () => {
      expect(toReadPosition(START)).toBe(FROM_START);
    });

    it('treats anything before START as the beginning too', () => {
      expect(toReadPosition(-5n)).toBe(FROM_START);
    });

    it('points at the event itself, with equal commit and prepare positions', () => {
      expect(toReadPosition(123_456n)).toEqual({ commit: 123_456n, prepare: 123_456n });
    });
  });

  it('round-trips every position an event can have', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }), (position) => {
        const read = toReadPosition(position);
        expect(read).not.toBe(FROM_START);
        if (read !== FROM_START) expect(toGlobalPosition(read)).toBe(position);
      }),
    );
  });
});

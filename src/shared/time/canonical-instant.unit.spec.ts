import fc from 'fast-check';
import { isCanonicalInstant } from './canonical-instant';

describe('isCanonicalInstant', () => {
  it('accepts whatever Date#toISOString writes for a four-digit year', () => {
    const instants = fc.date({
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    fc.assert(fc.property(instants, (instant) => isCanonicalInstant(instant.toISOString())));
  });

  it.each([
    ['without milliseconds', '2026-06-01T12:00:00Z'],
    ['with more than milliseconds', '2026-06-01T12:00:00.0000Z'],
    ['with an offset instead of Z', '2026-06-01T12:00:00.000+00:00'],
    ['in lower case', '2026-06-01t12:00:00.000z'],
    ['a day that does not exist', '2026-02-30T12:00:00.000Z'],
    ['a date only', '2026-06-01'],
  ])('refuses an instant %s', (_case, text) => {
    expect(isCanonicalInstant(text)).toBe(false);
  });
});

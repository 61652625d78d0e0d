import fc from 'fast-check';
import { parseRfc3339 } from './rfc3339';

/** Instants JavaScript can hold with a four-digit year: what RFC 3339 can write. */
const instants = fc.date({
  min: new Date('0000-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
/** A day clear of either end, so that the local time at any offset keeps four digits. */
const offsetInstants = fc.date({
  min: new Date('0000-01-02T00:00:00.000Z'),
  max: new Date('9999-12-30T23:59:59.999Z'),
  noInvalidDate: true,
});
const offsetsInMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

/** `instant` as the local time at `offset` minutes east of UTC, written with that offset. */
function withOffset(instant: Date, offset: number, fraction: string): string {
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${fraction}${sign}${hours}:${minutes}`;
}

describe('parseRfc3339', () => {
  it('reads the form Date#toISOString writes back to the same instant', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(parseRfc3339(instant.toISOString())).toBe(instant.getTime());
      }),
    );
  });

  it('reads any offset as the same instant in UTC', () => {
    fc.assert(
      fc.property(offsetInstants, offsetsInMinutes, (instant, offset) => {
        const millis = instant.getTime() - (instant.getTime() % 1000);
        const seconds = new Date(millis);
        expect(parseRfc3339(withOffset(seconds, offset, ''))).toBe(seconds.getTime());
      }),
    );
  });

  it('agrees with Date.parse on every well-formed date-time', () => {
    const fractions = fc.stringMatching(/^(\.\d{1,9})?$/);
    fc.assert(
      fc.property(offsetInstants, offsetsInMinutes, fractions, (instant, offset, fraction) => {
        const text = withOffset(instant, offset, fraction);
        expect(parseRfc3339(text)).toBe(Date.parse(text));
      }),
    );
  });

  it.each([
    ['a leap day', '2028-02-29T12:00:00Z', Date.UTC(2028, 1, 29, 12)],
    ['a leap day of a year divisible by 400', '2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['an offset', '2026-07-01T00:00:00+02:00', Date.UTC(2026, 5, 30, 22)],
    ['a negative offset', '2026-06-30T19:30:00-02:30', Date.UTC(2026, 5, 30, 22)],
    ['-00:00 (offset unknown)', '2026-06-01T12:00:00-00:00', Date.UTC(2026, 5, 1, 12)],
    ['lower-case t and z', '2026-06-01t12:00:00z', Date.UTC(2026, 5, 1, 12)],
    [
      'a fraction, cut to milliseconds',
      '2026-06-01T12:00:00.123999999Z',
      Date.UTC(2026, 5, 1, 12, 0, 0, 123),
    ],
    ['one fraction digit', '2026-06-01T12:00:00.5Z', Date.UTC(2026, 5, 1, 12, 0, 0, 500)],
    ['year 0', '0000-01-01T00:00:00Z', Date.parse('0000-01-01T00:00:00Z')],
    ['a year below 100', '0099-12-31T23:59:59Z', Date.parse('0099-12-31T23:59:59Z')],
  ])('reads %s', (_case, text, millis) => {
    expect(parseRfc3339(text)).toBe(millis);
  });

  it.each([
    ['a date only', '2026-06-01'],
    ['no offset', '2026-06-01T12:00:00'],
    ['no seconds', '2026-06-01T12:00Z'],
    ['a space instead of T', '2026-06-01 12:00:00Z'],
    ['an offset without a colon', '2026-06-01T12:00:00+0200'],
    ['an offset in hours only', '2026-06-01T12:00:00+02'],
    ['a fraction without digits', '2026-06-01T12:00:00.Z'],
    ['a fraction of ten digits', '2026-06-01T12:00:00.1234567890Z'],
    ['30 February', '2026-02-30T12:00:00Z'],
    ['29 February of a common year', '2026-02-29T12:00:00Z'],
    ['29 February of a century not divisible by 400', '2100-02-29T12:00:00Z'],
    ['31 April', '2026-04-31T12:00:00Z'],
    ['day 0', '2026-06-00T12:00:00Z'],
    ['month 0', '2026-00-01T12:00:00Z'],
    ['month 13', '2026-13-01T12:00:00Z'],
    ['hour 24', '2026-06-01T24:00:00Z'],
    ['minute 60', '2026-06-01T12:60:00Z'],
    ['a leap second', '2026-06-30T23:59:60Z'],
    ['offset hour 24', '2026-06-01T12:00:00+24:00'],
    ['offset minute 60', '2026-06-01T12:00:00+01:60'],
    ['a six-digit year', '+002026-06-01T12:00:00Z'],
    ['surrounding space', ' 2026-06-01T12:00:00Z'],
    ['a trailing newline', '2026-06-01T12:00:00Z\n'],
    ['words', 'yesterday'],
    ['the empty string', ''],
  ])('refuses %s', (_case, text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });
});

import { isIsoInstant, toIso, toMillis } from './instant';

describe('instants', () => {
  it.each(['2026-06-01T12:00:00.000Z', '2028-02-29T23:59:59.999Z', '1970-01-01T00:00:00.000Z'])(
    'accepts %s',
    (value) => {
      expect(isIsoInstant(value)).toBe(true);
    },
  );

  it.each([
    ['without milliseconds', '2026-06-01T12:00:00Z'],
    ['with an offset instead of Z', '2026-06-01T12:00:00.000+02:00'],
    ['a date only', '2026-06-01'],
    ['a day that does not exist', '2026-02-30T12:00:00.000Z'],
    ['29 February of a common year', '2026-02-29T12:00:00.000Z'],
    ['hour 24', '2026-06-01T24:00:00.000Z'],
    ['month 13', '2026-13-01T12:00:00.000Z'],
    ['words', 'now'],
  ])('refuses %s', (_case, value) => {
    expect(isIsoInstant(value)).toBe(false);
  });

  it('round-trips between epoch milliseconds and the string form', () => {
    expect(toMillis('2026-06-01T12:00:00.000Z')).toBe(Date.UTC(2026, 5, 1, 12));
    expect(toIso(Date.UTC(2026, 5, 1, 12, 0, 0, 7))).toBe('2026-06-01T12:00:00.007Z');
  });

  it('orders instants as strings the same way as in time', () => {
    const earlier = '2026-06-01T09:59:59.999Z';
    const later = '2026-06-01T10:00:00.000Z';
    expect(earlier < later).toBe(toMillis(earlier) < toMillis(later));
  });
});

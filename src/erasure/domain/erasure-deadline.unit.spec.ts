import { toIso, toMillis } from '../../shared/time/instant';
import { erasureDeadline, latestExtendedDeadline, monthsAfter } from './erasure-deadline';

const deadline = (requestedAt: string) => toIso(erasureDeadline(toMillis(requestedAt)));
const latest = (requestedAt: string) => toIso(latestExtendedDeadline(toMillis(requestedAt)));

describe('erasure deadlines (GDPR Art. 12(3))', () => {
  it('ends with the last millisecond of the same day of the next month, in UTC', () => {
    expect(deadline('2026-03-09T08:15:00.000Z')).toBe('2026-04-09T23:59:59.999Z');
    expect(deadline('2026-03-09T00:00:00.000Z')).toBe('2026-04-09T23:59:59.999Z');
    expect(deadline('2026-03-09T23:59:59.999Z')).toBe('2026-04-09T23:59:59.999Z');
  });

  it.each([
    ['31 January, common year', '2026-01-31T10:00:00.000Z', '2026-02-28T23:59:59.999Z'],
    ['31 January, leap year', '2028-01-31T10:00:00.000Z', '2028-02-29T23:59:59.999Z'],
    ['30 January, common year', '2026-01-30T10:00:00.000Z', '2026-02-28T23:59:59.999Z'],
    ['31 March', '2026-03-31T10:00:00.000Z', '2026-04-30T23:59:59.999Z'],
    ['31 August', '2026-08-31T10:00:00.000Z', '2026-09-30T23:59:59.999Z'],
  ])('clamps to the last day of a shorter month: %s', (_case, requestedAt, expected) => {
    expect(deadline(requestedAt)).toBe(expected);
  });

  it('crosses the year', () => {
    expect(deadline('2026-12-15T10:00:00.000Z')).toBe('2027-01-15T23:59:59.999Z');
    expect(deadline('2026-12-31T10:00:00.000Z')).toBe('2027-01-31T23:59:59.999Z');
  });

  it('allows an extension to three months after the request, counted the same way', () => {
    expect(latest('2026-03-09T08:15:00.000Z')).toBe('2026-06-09T23:59:59.999Z');
    expect(latest('2026-11-30T10:00:00.000Z')).toBe('2027-02-28T23:59:59.999Z');
    // Counted from the request, not from the clamped first deadline (28 February).
    expect(latest('2026-01-31T10:00:00.000Z')).toBe('2026-04-30T23:59:59.999Z');
  });

  it('never ends before the request, and at most 31 days and a day after it', () => {
    const day = 86_400_000;
    for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2029, 0, 1); at += day / 3 + 7) {
      const end = monthsAfter(at, 1);
      expect(end).toBeGreaterThan(at);
      expect(end - at).toBeLessThan(32 * day);
      expect(end - at).toBeGreaterThanOrEqual(28 * day);
    }
  });
});

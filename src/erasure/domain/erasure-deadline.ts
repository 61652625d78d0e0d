/**
 * GDPR Art. 12(3) deadlines. A period of n months is counted the way Regulation (EEC,
 * Euratom) No 1182/71, Art. 3(2)(c), counts periods expressed in months (the EDPB's
 * guidelines on data subject rights apply it): for a request received on day D, it ends
 * with the last millisecond of day D of the n-th following month, or of that month's last
 * day when it has no day D (31 January + 1 month ends on 28 or 29 February). Days are UTC
 * days, whatever the subject's time zone.
 */
export function monthsAfter(requestedAt: number, months: number): number {
  const requested = new Date(requestedAt);
  const year = requested.getUTCFullYear();
  const month = requested.getUTCMonth() + months;
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(requested.getUTCDate(), lastDayOfMonth);
  return Date.UTC(year, month, day + 1) - 1;
}

/** One month to answer the request. */
const RESPONSE_MONTHS = 1;
/** "Extended by two further months": counted from the request, three months in all. */
const EXTENDED_RESPONSE_MONTHS = 3;

/** The last instant at which the request is answered in time, without an extension. */
export function erasureDeadline(requestedAt: number): number {
  return monthsAfter(requestedAt, RESPONSE_MONTHS);
}

/** The latest deadline an extension may set. */
export function latestExtendedDeadline(requestedAt: number): number {
  return monthsAfter(requestedAt, EXTENDED_RESPONSE_MONTHS);
}

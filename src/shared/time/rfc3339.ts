/**
 * RFC 3339 §5.6 `date-time`: a full date, a full time with seconds and an optional fraction,
 * and an offset (`Z` or ±hh:mm). §5.6 allows `t` and `z` in lower case. The fraction stops at
 * nine digits (nanoseconds), as the API has always read it.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

const MINUTE_MS = 60_000;

/**
 * Epoch milliseconds of an RFC 3339 date-time, or undefined when `text` is not one. Strict
 * where `Date.parse` is lenient: it refuses days that do not exist (`2026-02-30`, 29 February
 * of a common year) and hour 24 instead of rolling them over, and anything without an offset
 * (which `Date.parse` would read in the server's time zone). A fraction finer than a
 * millisecond is cut off. Leap seconds (`:60`) are refused: a JavaScript time cannot hold one.
 */
export function parseRfc3339(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (!isDate(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;

  const time = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  time.setUTCFullYear(year!, month! - 1, day);
  time.setUTCHours(hour!, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * MINUTE_MS;
  return time.getTime() - (sign === '-' ? -offsetMs : offsetMs);
}

function isDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** RFC 3339 date-time: a date, a time and an offset (Z or ±hh:mm). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Epoch ms of an RFC 3339 date-time, or undefined when `text` is not one. */
export function dateTimeMs(text: string): number | undefined {
  const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

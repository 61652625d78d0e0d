/**
 * Times in events are ISO-8601 UTC strings with milliseconds (`2026-11-22T10:00:00.000Z`):
 * readable in exports, exact to the millisecond, and ordered as strings. Rules compare them
 * as epoch milliseconds.
 */
export type IsoInstant = string;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Also refuses dates that do not exist (`2026-02-30`): `Date.parse` would roll them over. */
export function isIsoInstant(value: string): value is IsoInstant {
  if (!ISO_INSTANT.test(value)) return false;
  const millis = Date.parse(value);
  return !Number.isNaN(millis) && toIso(millis) === value;
}

export function toMillis(instant: IsoInstant): number {
  return Date.parse(instant);
}

export function toIso(millis: number): IsoInstant {
  return new Date(millis).toISOString();
}

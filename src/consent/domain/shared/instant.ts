/**
 * Times in events are ISO-8601 UTC strings with milliseconds (`2026-11-22T10:00:00.000Z`):
 * readable in exports, exact to the millisecond, and ordered as strings. Rules compare them
 * as epoch milliseconds.
 */
export type IsoInstant = string;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isIsoInstant(value: string): value is IsoInstant {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export function toMillis(instant: IsoInstant): number {
  return Date.parse(instant);
}

export function toIso(millis: number): IsoInstant {
  return new Date(millis).toISOString();
}

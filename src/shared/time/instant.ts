import { isCanonicalInstant } from './canonical-instant';

/**
 * Times in events are ISO-8601 UTC strings with milliseconds (`2026-11-22T10:00:00.000Z`):
 * readable in exports, exact to the millisecond, and ordered as strings. Rules compare them
 * as epoch milliseconds.
 */
export type IsoInstant = string;

/** Also refuses dates that do not exist (`2026-02-30`): `Date.parse` would roll them over. */
export function isIsoInstant(value: string): value is IsoInstant {
  return isCanonicalInstant(value);
}

export function toMillis(instant: IsoInstant): number {
  return Date.parse(instant);
}

export function toIso(millis: number): IsoInstant {
  return new Date(millis).toISOString();
}

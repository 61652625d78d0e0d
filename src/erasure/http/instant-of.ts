import { DomainError } from '../../shared/domain/domain-error';
import { toIso, type IsoInstant } from '../../shared/time/instant';

/**
 * An ISO-8601 date-time from a request body in the one form events store (UTC, with
 * milliseconds), so `2026-07-01T00:00:00+02:00` and `2026-06-30T22:00:00.000Z` are the same.
 */
export function instantOf(value: string, field: string): IsoInstant {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) {
    throw new DomainError('invalid-time', `${field} must be an ISO-8601 date-time`, { field });
  }
  return toIso(millis);
}

import { invalidParameters } from './audit-problems';
import { isUuid } from '../../shared/ids/uuid';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** An optional decimal count from the query string, at least `min`; undefined when absent. */
export function countParameter(
  field: string,
  value: string | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    throw invalidParameters([{ field, message: `${field} must be an integer of at least ${min}` }]);
  }
  return parsed;
}

export function requiredCount(field: string, value: string | undefined, min: number): number {
  const parsed = countParameter(field, value, min);
  if (parsed === undefined) throw invalidParameters([{ field, message: `${field} is required` }]);
  return parsed;
}

/** Which leaf an inclusion proof is for: by event id or by leaf index, exactly one of them. */
export type LeafSelector = { readonly eventId: string } | { readonly leafIndex: number };

export function leafSelector(
  eventId: string | undefined,
  leafIndex: string | undefined,
): LeafSelector {
  if ((eventId === undefined) === (leafIndex === undefined)) {
    const message = 'give exactly one of eventId and leafIndex';
    throw invalidParameters([
      { field: 'eventId', message },
      { field: 'leafIndex', message },
    ]);
  }
  if (eventId !== undefined) {
    if (!isUuid(eventId))
      throw invalidParameters([{ field: 'eventId', message: 'eventId must be a UUID' }]);
    return { eventId };
  }
  return { leafIndex: requiredCount('leafIndex', leafIndex, 0) };
}

import { parseRfc3339 } from './rfc3339';

/**
 * Whether `text` is an instant in the one form the ledger writes (`Date#toISOString`: UTC,
 * milliseconds, `Z`, e.g. `2026-11-22T10:00:00.000Z`) and names a time that exists. One form
 * per instant is what lets stored instants order as text and hash the same everywhere.
 */
export function isCanonicalInstant(text: string): boolean {
  const millis = parseRfc3339(text);
  return millis !== undefined && new Date(millis).toISOString() === text;
}

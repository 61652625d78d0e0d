import { parseRfc3339 } from '../../shared/time/rfc3339';
import type { ExportSelection } from '../export/export-request';
import { invalidParameters } from './audit-problems';
import { isUuid } from '../../shared/ids/uuid';

/**
 * What an export is for: `subjectId`, or a transaction-time range `from`/`to` (either side
 * may be left open, not both), never both kinds at once.
 */
export function exportSelection(
  subjectId: string | undefined,
  from: string | undefined,
  to: string | undefined,
): ExportSelection {
  const ranged = from !== undefined || to !== undefined;
  if ((subjectId !== undefined) === ranged) {
    const message = 'give either subjectId, or from and/or to';
    throw invalidParameters([
      { field: 'subjectId', message },
      { field: 'from', message },
      { field: 'to', message },
    ]);
  }
  if (subjectId !== undefined) {
    if (!isUuid(subjectId)) {
      throw invalidParameters([{ field: 'subjectId', message: 'subjectId must be a UUID' }]);
    }
    return { kind: 'subject', subjectId: subjectId.toLowerCase() };
  }
  const fromMs = instantParameter('from', from);
  const toMs = instantParameter('to', to);
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw invalidParameters([{ field: 'from', message: 'from must lie before to' }]);
  }
  return {
    kind: 'recorded-between',
    ...(fromMs !== undefined ? { from: fromMs } : {}),
    ...(toMs !== undefined ? { to: toMs } : {}),
  };
}

/** Epoch ms of an RFC 3339 date-time parameter; undefined when absent. */
function instantParameter(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseRfc3339(value);
  if (ms === undefined) {
    throw invalidParameters([
      { field, message: `${field} must be an RFC 3339 date-time, e.g. 2026-06-01T00:00:00Z` },
    ]);
  }
  return ms;
}

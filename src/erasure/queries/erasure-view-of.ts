import type { IsoInstant } from '../../shared/time/instant';
import type { ErasureRecord } from '../read-model/erasure-record';
import type { ErasureView } from './erasure.view';

/** The view of a record, judged "overdue" against `now`. */
export function erasureViewOf(record: ErasureRecord, now: IsoInstant): ErasureView {
  const open = record.completion === null;
  return {
    subjectId: record.subjectId,
    erasureId: record.erasureId,
    scope: record.scope.kind,
    ...(record.scope.kind === 'categories' ? { categories: record.scope.categories } : {}),
    requestedBy: record.requestedBy,
    requestedAt: record.requestedAt,
    originalDeadline: record.originalDeadline,
    deadline: record.deadline,
    state: open ? 'open' : 'completed',
    overdue: open && record.deadline < now,
    extension: record.extension && { ...record.extension },
    recipients: record.recipients.map((r) => ({
      recipient: r.recipient,
      categories: r.categories,
      notifiedAt: r.notifiedAt,
      confirmed: r.confirmedAt !== undefined,
      ...(r.confirmedAt !== undefined ? { confirmedAt: r.confirmedAt } : {}),
    })),
    completion: record.completion && { ...record.completion },
  };
}

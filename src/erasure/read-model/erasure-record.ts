import { erasureDeadline } from '../domain/erasure-deadline';
import { toIso, toMillis, type IsoInstant } from '../../shared/time/instant';
import type {
  Actor,
  ErasureCompletion,
  ErasureRequested,
  ErasureScope,
  ErasureStepEvent,
  SubjectEvent,
} from '../../consent/domain';

interface RecipientRecord {
  readonly recipient: string;
  readonly categories: readonly string[];
  readonly notifiedAt: IsoInstant;
  readonly confirmedAt?: IsoInstant;
}

/**
 * One erasure request as the `erasure_requests` read model keeps it: the non-personal
 * skeleton of its workflow (reasons are sealed free text and stay in the log). Keys are
 * built in a fixed order, so the same events always serialise to the same bytes.
 */
export interface ErasureRecord {
  readonly subjectId: string;
  readonly erasureId: string;
  readonly scope: ErasureScope;
  readonly requestedBy: Actor;
  readonly requestedAt: IsoInstant;
  readonly originalDeadline: IsoInstant;
  readonly deadline: IsoInstant;
  readonly extension: {
    readonly extendedAt: IsoInstant;
    readonly newDeadline: IsoInstant;
    readonly subjectToldAt: IsoInstant;
  } | null;
  /** Sorted by recipient. */
  readonly recipients: readonly RecipientRecord[];
  readonly completion: {
    readonly completedAt: IsoInstant;
    readonly completion: ErasureCompletion;
    readonly actor: Actor;
  } | null;
}

export function requestedRecord(event: ErasureRequested): ErasureRecord {
  const deadline = toIso(erasureDeadline(toMillis(event.occurredAt)));
  return {
    subjectId: event.subjectId,
    erasureId: event.erasureId,
    scope: event.scope,
    requestedBy: event.requestedBy,
    requestedAt: event.occurredAt,
    originalDeadline: deadline,
    deadline,
    extension: null,
    recipients: [],
    completion: null,
  };
}

/** The record after one of its workflow's steps. */
export function withStep(record: ErasureRecord, event: ErasureStepEvent): ErasureRecord {
  switch (event.type) {
    case 'erasure-processor-notified': {
      const notified: RecipientRecord = {
        recipient: event.recipient,
        categories: event.categories,
        notifiedAt: event.occurredAt,
      };
      const others = record.recipients.filter((r) => r.recipient !== event.recipient);
      const recipients = [...others, notified].sort((a, b) =>
        a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0,
      );
      return { ...record, recipients };
    }
    case 'erasure-processor-confirmed':
      return {
        ...record,
        recipients: record.recipients.map((r) =>
          r.recipient === event.recipient ? { ...r, confirmedAt: event.confirmedAt } : r,
        ),
      };
    case 'erasure-deadline-extended':
      return {
        ...record,
        deadline: event.newDeadline,
        extension: {
          extendedAt: event.occurredAt,
          newDeadline: event.newDeadline,
          subjectToldAt: event.subjectToldAt,
        },
      };
    case 'erasure-completed':
      return {
        ...record,
        completion: {
          completedAt: event.occurredAt,
          completion: event.completion,
          actor: event.actor,
        },
      };
  }
}

export function isErasureStep(event: SubjectEvent): event is ErasureStepEvent {
  return (
    event.type === 'erasure-processor-notified' ||
    event.type === 'erasure-processor-confirmed' ||
    event.type === 'erasure-deadline-extended' ||
    event.type === 'erasure-completed'
  );
}

/** The record of one request folded from a subject's facts, as the read model folds it. */
export function erasureRecordFrom(
  facts: readonly SubjectEvent[],
  erasureId: string,
): ErasureRecord | undefined {
  let record: ErasureRecord | undefined;
  for (const event of facts) {
    if (event.type === 'erasure-requested' && event.erasureId === erasureId) {
      record = requestedRecord(event);
    } else if (record && isErasureStep(event) && event.erasureId === erasureId) {
      record = withStep(record, event);
    }
  }
  return record;
}

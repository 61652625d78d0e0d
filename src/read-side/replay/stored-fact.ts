import { PERSONAL_FIELDS, type SubjectEvent } from '../../consent/domain';

/**
 * A subject event as the read side keeps it: the skeleton the consent rules read (which
 * category, which recipient, when, on what basis), with every personal field left out, so
 * no copy of a sealed value outlives its erasure in a read model.
 */
export interface StoredFact {
  /** Stream revision: `evaluatePermission` names its evidence by it. */
  readonly revision: number;
  readonly eventId: string;
  /** Transaction time (ISO-8601): when the ledger learned the fact. */
  readonly recordedAt: string;
  readonly event: SubjectEvent;
}

/** Whether `type` is a subject event the domain knows (every one lists its personal fields). */
export function isSubjectEventType(type: string): type is SubjectEvent['type'] {
  return Object.hasOwn(PERSONAL_FIELDS, type);
}

/**
 * The event without its personal fields. The rules never read them (they are sealed
 * tokens), so the result answers every question the full event does; it is typed as the
 * event for the rules' sake.
 */
export function skeletonOf(event: SubjectEvent): SubjectEvent {
  const skeleton = { ...event };
  // The same object seen as a bag of fields, so that the personal ones can be removed.
  const fields: Partial<Record<string, unknown>> = skeleton;
  for (const field of PERSONAL_FIELDS[event.type]) delete fields[field];
  return skeleton;
}

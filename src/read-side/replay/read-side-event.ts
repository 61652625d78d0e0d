import { policyStream, subjectStream } from '../../shared/tenancy/stream-names';
import { decodePolicyEvent, decodeSubjectEvent } from '../../consent/domain';
import type { PolicyPublished } from '../../consent/domain';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { isSubjectEventType, skeletonOf, type StoredFact } from './stored-fact';

/** What a feed event means to the read side's projections. */
export type ReadSideEvent =
  | {
      readonly kind: 'subject-fact';
      readonly tenantId: string;
      readonly subjectId: string;
      readonly fact: StoredFact;
    }
  | {
      readonly kind: 'policy-published';
      readonly tenantId: string;
      /** Revision in the tenant's policy stream: versions are folded in this order. */
      readonly revision: number;
      readonly event: PolicyPublished;
    }
  | { readonly kind: 'other' };

/**
 * Sorts a feed event by its stream: a subject stream (`subject-<tenant>-<pseudonym>`, named
 * after the tenant and subject the event itself carries, so a look-alike stream cannot pass
 * for one) or a tenant's policy stream. Everything else belongs to other read models.
 *
 * An event in a subject stream whose type the domain does not know stops the projection
 * (it throws) instead of being skipped: the revisions the rules cite as evidence would
 * otherwise shift. So does an event whose data its stream's decoder refuses (docs/adr/0032).
 */
export function readSideEventOf(recorded: RecordedEvent): ReadSideEvent {
  const { tenantId, subjectId } = recorded.data;
  if (typeof tenantId !== 'string') return { kind: 'other' };
  if (typeof subjectId === 'string' && recorded.streamName === subjectStream(tenantId, subjectId)) {
    if (!isSubjectEventType(recorded.type) || recorded.data.type !== recorded.type) {
      throw new Error(`subject stream event of unknown type "${recorded.type}"`);
    }
    return {
      kind: 'subject-fact',
      tenantId,
      subjectId,
      fact: {
        revision: recorded.streamRevision,
        eventId: recorded.id,
        recordedAt: recorded.recordedAt.toISOString(),
        event: skeletonOf(decodeSubjectEvent(recorded.data)),
      },
    };
  }
  if (recorded.streamName === policyStream(tenantId) && recorded.type === 'policy-published') {
    return {
      kind: 'policy-published',
      tenantId,
      revision: recorded.streamRevision,
      event: decodePolicyEvent(recorded.data),
    };
  }
  return { kind: 'other' };
}

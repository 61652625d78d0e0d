import { subjectStream } from '../../shared/tenancy/stream-names';
import { decodeSubjectEvent, PERSONAL_FIELDS, type SubjectEvent } from '../../consent/domain';
import type { RecordedEvent } from '../../event-store/event-store.port';

export interface SubjectFeedEvent {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly event: SubjectEvent;
}

/**
 * A feed event of a subject stream, or undefined for any other stream. The stream must be
 * the one named after the tenant and subject the event itself carries, so a look-alike
 * stream cannot pass for a subject's. The erasure reactors only act on the types they know
 * and pass over the rest; the read side is what stops on an unknown type (ADR 0012). A known
 * type whose data its decoder refuses throws (docs/adr/0032).
 */
export function subjectEventOf(recorded: RecordedEvent): SubjectFeedEvent | undefined {
  const { tenantId, subjectId, type } = recorded.data;
  if (typeof tenantId !== 'string' || typeof subjectId !== 'string') return undefined;
  if (recorded.streamName !== subjectStream(tenantId, subjectId)) return undefined;
  if (type !== recorded.type || !Object.hasOwn(PERSONAL_FIELDS, type)) return undefined;
  return { tenantId, subjectId, event: decodeSubjectEvent(recorded.data) };
}

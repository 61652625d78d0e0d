import { policyStream, subjectStream } from '../../shared/tenancy/stream-names';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { CombinationRecord } from '../../read-side/replay';
import { FLOW_WINDOWS, ProjectedFlowWindows } from '../../read-side';
import { AuditLogProjection } from '../log/audit-log.projection';
import { ExportNotReadyError, ExportSubjectNotFoundError } from './export.errors';
import type { ExportLimits, ExportSources } from './export-request';

const AUDIT_LOG = new AuditLogProjection().name;
/** Reads of a subject that keeps changing while it is exported before giving up. */
const ATTEMPTS = 3;

interface SubjectHistory {
  /** The subject's stream and the tenant's policy stream, in feed order. */
  readonly events: readonly RecordedEvent[];
  /** The subject's flow windows as the read side holds them for exactly these events. */
  readonly flowWindows: readonly CombinationRecord[];
}

/**
 * Reads the subject's stream and the tenant's policy stream, waits until the audit log and
 * the flow windows have applied both, and reads the windows. When either stream grew in the
 * meantime the windows may reflect events the bundle lacks, so it reads again.
 */
export async function readSubjectHistory(
  sources: ExportSources,
  limits: ExportLimits,
  tenant: string,
  subjectId: string,
): Promise<SubjectHistory> {
  const { eventStore, readStore } = sources;
  const streams = [subjectStream(tenant, subjectId), policyStream(tenant)] as const;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const [subject, policy] = await Promise.all(streams.map((s) => eventStore.readStream(s)));
    if (subject === undefined || policy === undefined || subject.length === 0) {
      throw new ExportSubjectNotFoundError();
    }
    const events = [...subject, ...policy].sort(byPosition);
    const head = events[events.length - 1]!.globalPosition;
    if (!(await sources.waitForProjections(head, [AUDIT_LOG, FLOW_WINDOWS], limits.waitMs))) {
      throw new ExportNotReadyError(
        "the audit log and flow windows have not applied the subject's events yet; retry shortly",
        limits.retryAfterMs,
      );
    }
    const flowWindows = await new ProjectedFlowWindows(readStore).read(tenant, subjectId, {});
    const grew = await Promise.all([
      eventStore.readStream(streams[0], { fromRevision: subject.length, maxCount: 1 }),
      eventStore.readStream(streams[1], { fromRevision: policy.length, maxCount: 1 }),
    ]);
    if (flowWindows !== undefined && grew.every((added) => added.length === 0)) {
      return { events, flowWindows };
    }
  }
  throw new ExportNotReadyError(
    'the subject changed during every attempt to export it; retry shortly',
    limits.retryAfterMs,
  );
}

function byPosition(a: RecordedEvent, b: RecordedEvent): number {
  return a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0;
}

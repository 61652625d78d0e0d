import type { RecordedEvent } from '../../event-store/event-store.port';
import { logOrigin } from '../checkpoints/checkpoint-signing-key';
import { AuditLogReader } from '../log/audit-log-reader';
import { bundleHeader } from './bundle-header';
import { type BundleSink, bundleEntryOf } from './bundle-lines';
import { exportCheckpoint } from './export-checkpoint';
import { ExportTooLargeError } from './export.errors';
import type { ExportLimits, ExportRequest, ExportSources, ExportSummary } from './export-request';
import { leavesOfEvents, type LogLeaf } from './log-leaves';
import { readSubjectHistory } from './subject-history';

/**
 * Exports one subject: its stream and the tenant's policy stream (what a replay of its
 * flow windows needs), each event with its leaf and inclusion proof, and the flow windows
 * the read side claims for it. Proves against the latest checkpoint that holds every one of
 * those events (waiting for it, bounded), or against the requested tree size if it does.
 */
export async function exportSubject(
  sources: ExportSources,
  limits: ExportLimits,
  request: ExportRequest,
  subjectId: string,
  sink: BundleSink,
): Promise<ExportSummary> {
  const { readStore } = sources;
  const { tenant } = request;
  const { events, flowWindows } = await readSubjectHistory(sources, limits, tenant, subjectId);
  if (events.length > limits.maxEvents) throw new ExportTooLargeError(limits.maxEvents);

  const leaves = await leavesOfEvents(
    readStore,
    tenant,
    events.map((e) => e.id),
  );
  const eventLeaves = events.map((event) => leafOf(event, leaves));
  const needed = eventLeaves.reduce<number>(
    (most, leaf) => Math.max(most, (leaf?.leafIndex ?? -1) + 1),
    0,
  );
  const checkpoint = await exportCheckpoint(readStore, tenant, {
    ...(request.treeSize !== undefined ? { treeSize: request.treeSize } : {}),
    atLeast: needed,
    waitMs: limits.waitMs,
    retryAfterMs: limits.retryAfterMs,
  });

  const origin = logOrigin(sources.originHost, tenant);
  const exportedAt = sources.now?.() ?? new Date();
  const selection = request.selection;
  await sink(bundleHeader({ tenant, origin, exportedAt, selection, checkpoint, flowWindows }));
  const log = new AuditLogReader(readStore, tenant);
  for (const [i, event] of events.entries()) {
    const leaf = eventLeaves[i];
    const proof =
      leaf === undefined ? [] : await log.inclusionProof(leaf.leafIndex, checkpoint.size);
    await sink(bundleEntryOf(event, leaf?.leafIndex ?? null, proof, leaf?.link));
  }
  await sink({ kind: 'end', eventCount: events.length });
  return { origin, treeSize: checkpoint.size, eventCount: events.length };
}

/**
 * The leaf the log gave the event: the one with its id at its position, else (the store
 * moved it) the first with its id, so the verifier sees and reports the disagreement;
 * undefined when the log has no leaf with its id at all.
 */
function leafOf(event: RecordedEvent, leaves: readonly LogLeaf[]): LogLeaf | undefined {
  const id = event.id.toLowerCase();
  const position = event.globalPosition.toString();
  const withId = leaves.filter((leaf) => leaf.eventId === id);
  return withId.find((leaf) => leaf.position === position) ?? withId[0];
}

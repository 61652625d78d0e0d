import { START } from '../../event-store/event-store.port';
import { logOrigin } from '../checkpoints/checkpoint-signing-key';
import { AuditLogReader } from '../log/audit-log-reader';
import { bundleHeader } from './bundle-header';
import { type BundleSink, bundleEntryOf } from './bundle-lines';
import { exportCheckpoint } from './export-checkpoint';
import { ExportTooLargeError } from './export.errors';
import type { ExportLimits, ExportRequest, ExportSources, ExportSummary } from './export-request';
import { type LeafWithEvent, leavesWithEvents } from './leaves-with-events';

interface RecordedRange {
  /** Epoch ms, inclusive; undefined: from the log's first leaf. */
  readonly from?: number;
  /** Epoch ms, exclusive; undefined: up to the checkpoint's last leaf. */
  readonly to?: number;
}

/**
 * Exports the tenant's events recorded in [from, to) as the contiguous span of leaves from
 * the first to the last of them, every leaf in between included, so that the verifier can
 * tell a complete span from one with holes. A leaf whose event the store no longer holds
 * has no known time: it counts as selected, and shows as a hole the verifier reports.
 *
 * Two passes over the feed, so memory stays flat for any size: the first finds the span,
 * the second writes it. Both read only up to the checkpoint's last leaf.
 */
export async function exportRange(
  sources: ExportSources,
  limits: ExportLimits,
  request: ExportRequest,
  range: RecordedRange,
  sink: BundleSink,
): Promise<ExportSummary> {
  const { readStore, eventStore } = sources;
  const { tenant } = request;
  const checkpoint = await exportCheckpoint(readStore, tenant, {
    ...(request.treeSize !== undefined ? { treeSize: request.treeSize } : {}),
    atLeast: 0,
    waitMs: 0,
    retryAfterMs: limits.retryAfterMs,
  });
  const size = checkpoint.size;
  const isSelected = ({ event }: LeafWithEvent) =>
    event === undefined ||
    ((range.from === undefined || event.recordedAt.getTime() >= range.from) &&
      (range.to === undefined || event.recordedAt.getTime() < range.to));

  let first: LeafWithEvent | undefined;
  let end = 0;
  const start = { leafIndex: 0, feedAfter: START };
  for await (const item of leavesWithEvents(eventStore, readStore, tenant, start, size)) {
    if (!isSelected(item)) continue;
    first ??= item;
    end = item.leaf.leafIndex + 1;
    if (end - first.leaf.leafIndex > limits.maxEvents) {
      throw new ExportTooLargeError(limits.maxEvents);
    }
  }

  const origin = logOrigin(sources.originHost, tenant);
  const exportedAt = sources.now?.() ?? new Date();
  await sink(
    bundleHeader({ tenant, origin, exportedAt, selection: request.selection, checkpoint }),
  );
  let eventCount = 0;
  if (first !== undefined) {
    const log = new AuditLogReader(readStore, tenant);
    const from = { leafIndex: first.leaf.leafIndex, feedAfter: first.feedAfter };
    for await (const { leaf, event } of leavesWithEvents(
      eventStore,
      readStore,
      tenant,
      from,
      end,
    )) {
      if (event === undefined) continue;
      const proof = await log.inclusionProof(leaf.leafIndex, size);
      await sink(bundleEntryOf(event, leaf.leafIndex, proof, leaf.link));
      eventCount += 1;
    }
  }
  const leafSpan = first === undefined ? null : { first: first.leaf.leafIndex, end };
  await sink({ kind: 'end', eventCount, leafSpan });
  return { origin, treeSize: size, eventCount };
}

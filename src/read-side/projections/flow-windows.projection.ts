import type { RecordedEvent } from '../../event-store/event-store.port';
import type { BulkBuild, Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { SummaryCountsTable } from '../summary/summary-counts.table';
import { FlowWindowRowsTable } from './flow-window-rows.table';
import { FlowWindowsBatch } from './flow-windows-batch';
import { FlowWindowsBulkBuild } from './flow-windows-bulk-build';
import { policyChangeScope } from '../../consent/domain';
import { PolicyVersionsTable } from './policy-versions.table';
import { readSideEventOf, type ReadSideEvent } from '../replay/read-side-event';
import { SubjectFactsTable } from './subject-facts.table';

export const FLOW_WINDOWS = 'flow_windows';

/**
 * Per (tenant, subject, category, recipient, purpose) the windows in which a standing basis
 * let the data flow, and the one-off flows, as the pure `flowWindows` computes them from the
 * subject's facts and the tenant's policy history (both kept here too, so this projection
 * rebuilds on its own). A subject's windows are recomputed when its events arrive: only the
 * combinations its grants, revokes or one-off syncs are about, all of them otherwise. A
 * policy version recomputes the subjects it can affect (see `policyChangeScope`); ADR 0012
 * discusses the cost. It also keeps the per-tenant counts (`SummaryCountsTable`), changed
 * by the same recomputations: what a subject's windows and facts counted before is taken
 * away, what they count now is added.
 *
 * Events are applied a batch at a time (`FlowWindowsBatch`): each subject is recomputed
 * once per batch, and rows go in with multi-row statements. Built from the start, every
 * subject is computed once, after all its facts are in (`FlowWindowsBulkBuild`).
 */
export class FlowWindowsProjection implements Projection {
  readonly name = FLOW_WINDOWS;
  /** 3: the facts' key became a unique index, created after a bulk build's load. */
  readonly version = 3;
  readonly facts = new SubjectFactsTable(FLOW_WINDOWS);
  readonly policies = new PolicyVersionsTable(FLOW_WINDOWS);
  readonly rows = new FlowWindowRowsTable(FLOW_WINDOWS);
  readonly counts = new SummaryCountsTable(FLOW_WINDOWS);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.setup(tx);
    await this.policies.setup(tx);
    await this.rows.setup(tx);
    await this.counts.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.drop(tx);
    await this.policies.drop(tx);
    await this.rows.drop(tx);
    await this.counts.drop(tx);
  }

  bulkBuild(): BulkBuild {
    return new FlowWindowsBulkBuild(this);
  }

  apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    return this.applyBatch([recorded], tx);
  }

  async applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    const batch = new FlowWindowsBatch(this, tx);
    for (const recorded of events) {
      const event = readSideEventOf(recorded);
      if (event.kind === 'other') continue;
      batch.deltas.saw(event.tenantId, recorded.recordedAt.toISOString());
      if (event.kind === 'subject-fact') {
        batch.addFact(event.tenantId, event.subjectId, event.fact);
      } else {
        await this.publish(batch, event, tx);
      }
    }
    await batch.flush();
    await this.counts.write(tx, batch.deltas);
  }

  /**
   * A new policy version: the batch so far is written under the previous one, then the
   * subjects the version can affect are marked for recomputation under the new history.
   */
  private async publish(
    batch: FlowWindowsBatch,
    event: Extract<ReadSideEvent, { kind: 'policy-published' }>,
    tx: ReadStoreTransaction,
  ): Promise<void> {
    await batch.flush();
    const previous = (await this.policies.history(tx, event.tenantId)).latest;
    await this.policies.insert(tx, event.tenantId, event.revision, event.event);
    const published = (await this.policies.history(tx, event.tenantId)).latest!;
    const scope = policyChangeScope(previous, published);
    const subjects =
      scope.kind === 'all-subjects'
        ? await this.facts.subjects(tx, event.tenantId)
        : scope.kind === 'subjects-that-granted'
          ? await this.facts.subjectsThatGranted(tx, event.tenantId, scope.categories)
          : [];
    for (const subjectId of subjects) batch.recomputeAll(event.tenantId, subjectId);
  }
}

import { allFlowWindows, flowWindows } from '../../consent/domain/permission/flow-windows';
import type { PolicyHistory } from '../../consent/domain/policy/policy-history';
import type { Permission, SubjectEvent } from '../../consent/domain/subject/subject.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { combinationRecordOf } from './flow-window-records';
import { FlowWindowRowsTable } from './flow-window-rows.table';
import { policyChangeScope } from './policy-change-scope';
import { PolicyVersionsTable } from './policy-versions.table';
import { readSideEventOf } from './read-side-event';
import { subjectStateOf } from './subject-state-of';
import { SubjectFactsTable } from './subject-facts.table';

export const FLOW_WINDOWS = 'flow_windows';

/**
 * Per (tenant, subject, category, recipient, purpose) the windows in which a standing basis
 * let the data flow, and the one-off flows, as the pure `flowWindows` computes them from the
 * subject's facts and the tenant's policy history (both kept here too, so this projection
 * rebuilds on its own). A subject's windows are recomputed when one of its events arrives:
 * only the combination a grant, revoke or one-off sync is about, all of them otherwise. A
 * policy version recomputes the subjects it can affect (see `policyChangeScope`); ADR 0012
 * discusses the cost.
 */
export class FlowWindowsProjection implements Projection {
  readonly name = FLOW_WINDOWS;
  readonly version = 1;
  readonly facts = new SubjectFactsTable(FLOW_WINDOWS);
  readonly policies = new PolicyVersionsTable(FLOW_WINDOWS);
  readonly rows = new FlowWindowRowsTable(FLOW_WINDOWS);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.setup(tx);
    await this.policies.setup(tx);
    await this.rows.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.drop(tx);
    await this.policies.drop(tx);
    await this.rows.drop(tx);
  }

  async apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    const event = readSideEventOf(recorded);
    if (event.kind === 'subject-fact') {
      await this.facts.insert(tx, event.tenantId, event.subjectId, event.fact);
      const scope = recomputeScope(event.fact.event);
      if (scope === 'nothing') return;
      const policy = await this.policies.history(tx, event.tenantId);
      await this.recompute(tx, event.tenantId, event.subjectId, policy, scope);
    } else if (event.kind === 'policy-published') {
      const previous = (await this.policies.history(tx, event.tenantId)).latest;
      await this.policies.insert(tx, event.tenantId, event.revision, event.event);
      const policy = await this.policies.history(tx, event.tenantId);
      const scope = policyChangeScope(previous, policy.latest!);
      const subjects =
        scope.kind === 'all-subjects'
          ? await this.facts.subjects(tx, event.tenantId)
          : scope.kind === 'subjects-that-granted'
            ? await this.facts.subjectsThatGranted(tx, event.tenantId, scope.categories)
            : [];
      for (const subjectId of subjects) {
        await this.recompute(tx, event.tenantId, subjectId, policy, 'all');
      }
    }
  }

  private async recompute(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectId: string,
    policy: PolicyHistory,
    scope: Permission | 'all',
  ): Promise<void> {
    const facts = await this.facts.load(tx, tenantId, subjectId);
    const state = subjectStateOf(facts);
    const eventIds = facts.map((fact) => fact.eventId);
    if (scope === 'all') {
      const records = allFlowWindows(state, policy).map((c) => combinationRecordOf(c, eventIds));
      await this.rows.replace(tx, tenantId, subjectId, records);
      return;
    }
    const combination = {
      category: scope.category,
      recipient: scope.recipient,
      purpose: scope.purpose,
    };
    const computed = { ...combination, ...flowWindows(state, policy, combination) };
    await this.rows.replace(
      tx,
      tenantId,
      subjectId,
      [combinationRecordOf(computed, eventIds)],
      combination,
    );
  }
}

/**
 * Which windows of its subject an event can change: a grant or revoke only its own
 * combination's, a sync only its combination's one-off flows (and only when it was
 * recorded on its one-off consent), an erasure workflow step nothing, anything else
 * (registration, Local Data Mode, erasure request) every combination's.
 */
function recomputeScope(event: SubjectEvent): Permission | 'all' | 'nothing' {
  switch (event.type) {
    case 'consent-granted':
    case 'consent-revoked':
      return event;
    case 'sync-recorded':
      return event.basis === 'one-off-sync' ? event : 'nothing';
    // Refused syncs and erasure workflow steps change no window (the request closed them).
    case 'sync-refused':
    case 'erasure-processor-notified':
    case 'erasure-processor-confirmed':
    case 'erasure-deadline-extended':
    case 'erasure-completed':
      return 'nothing';
    default:
      return 'all';
  }
}

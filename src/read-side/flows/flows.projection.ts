import type { GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { readSideEventOf } from '../replay/read-side-event';
import type { StoredFact } from '../replay/stored-fact';
import type { FlowAttempt } from './flow-attempt';
import { FlowAttemptsTable } from './flow-attempts.table';
import { FlowSubjectsTable } from './flow-subjects.table';

export const FLOWS = 'flows';

/**
 * Every sync of every subject, recorded or refused, one row each (see `FlowAttempt`): the
 * answer to "what did flow, and what was stopped?" and, with `flow_windows`, to "what flowed
 * outside every window?". A batch of events costs a few multi-row inserts.
 */
export class FlowsProjection implements Projection {
  readonly name = FLOWS;
  readonly version = 1;
  readonly subjects = new FlowSubjectsTable(FLOWS);
  readonly attempts = new FlowAttemptsTable(FLOWS);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.subjects.setup(tx);
    await this.attempts.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.subjects.drop(tx);
    await this.attempts.drop(tx);
  }

  apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    return this.applyBatch([recorded], tx);
  }

  /** A batch's subjects and flows go in with a few multi-row inserts. */
  async applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    const subjects: { tenantId: string; subjectId: string }[] = [];
    const flows: { tenantId: string; position: GlobalPosition; flow: FlowAttempt }[] = [];
    for (const recorded of events) {
      const event = readSideEventOf(recorded);
      if (event.kind !== 'subject-fact') continue;
      const { tenantId, subjectId } = event;
      if (event.fact.revision === 0) subjects.push({ tenantId, subjectId });
      const flow = flowAttemptOf(subjectId, event.fact);
      if (flow) flows.push({ tenantId, position: recorded.globalPosition, flow });
    }
    await this.subjects.insertMany(tx, subjects);
    await this.attempts.insertMany(tx, flows);
  }
}

function flowAttemptOf(subjectId: string, fact: StoredFact): FlowAttempt | undefined {
  const { event } = fact;
  if (event.type !== 'sync-recorded' && event.type !== 'sync-refused') return undefined;
  return {
    subjectId,
    revision: fact.revision,
    eventId: fact.eventId,
    outcome: event.type === 'sync-recorded' ? 'recorded' : 'refused',
    syncId: event.syncId,
    category: event.category,
    recipient: event.recipient,
    purpose: event.purpose,
    precision: event.precision,
    userInitiated: event.userInitiated,
    policyVersion: event.policyVersion,
    ...(event.type === 'sync-recorded' ? { basis: event.basis } : { reasons: event.reasons }),
    occurredAt: event.occurredAt,
    recordedAt: fact.recordedAt,
  };
}

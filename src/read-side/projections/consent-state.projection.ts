import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { PolicyVersionsTable } from './policy-versions.table';
import { readSideEventOf } from './read-side-event';
import { SubjectFactsTable } from './subject-facts.table';

export const CONSENT_STATE = 'consent_state';

/**
 * What the check API answers from: per (tenant, subject) the subject's facts (without
 * personal fields) and per tenant the policy history — the inputs of rule 1, so a check
 * is `evaluatePermission` itself over the same facts the write side folds, at any instant,
 * and cannot disagree with it. Each event is one insert; the cost of a check is one read
 * of the subject's facts and the tenant's policies plus a sort of the facts (see ADR 0012).
 */
export class ConsentStateProjection implements Projection {
  readonly name = CONSENT_STATE;
  readonly version = 1;
  readonly facts = new SubjectFactsTable(CONSENT_STATE);
  readonly policies = new PolicyVersionsTable(CONSENT_STATE);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.setup(tx);
    await this.policies.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.drop(tx);
    await this.policies.drop(tx);
  }

  async apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    const event = readSideEventOf(recorded);
    if (event.kind === 'subject-fact') {
      await this.facts.insert(tx, event.tenantId, event.subjectId, event.fact);
    } else if (event.kind === 'policy-published') {
      await this.policies.insert(tx, event.tenantId, event.revision, event.event);
    }
  }
}

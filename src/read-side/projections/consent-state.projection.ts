import type { RecordedEvent } from '../../event-store/event-store.port';
import type { BulkBuild, Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { PolicyVersionsTable } from './policy-versions.table';
import { readSideEventOf } from '../replay/read-side-event';
import type { StoredFact } from '../replay/stored-fact';
import { SubjectFactsTable } from './subject-facts.table';

export const CONSENT_STATE = 'consent_state';

/**
 * What the check API answers from: per (tenant, subject) the subject's facts (without
 * personal fields) and per tenant the policy history — the inputs of rule 1, so a check
 * is `evaluatePermission` itself over the same facts the write side folds, at any instant,
 * and cannot disagree with it. Each event is one row; a batch of events goes in with
 * multi-row inserts. The cost of a check is one read of the subject's facts and the
 * tenant's policies plus a sort of the facts (see ADR 0012). Built from the start, the facts
 * are loaded unindexed and indexed once at the end (see `BulkBuild`).
 */
export class ConsentStateProjection implements Projection {
  readonly name = CONSENT_STATE;
  /** 2: the facts' key became a unique index, created after a bulk build's load. */
  readonly version = 2;
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

  bulkBuild(): BulkBuild {
    return {
      setupForLoad: async (tx) => {
        await this.facts.createTable(tx);
        await this.policies.setup(tx);
      },
      load: (events, tx) => this.applyBatch(events, tx),
      finish: async (tx) => {
        await this.facts.createIndexes(tx);
        return true;
      },
    };
  }

  apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    return this.applyBatch([recorded], tx);
  }

  async applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    const facts: { tenantId: string; subjectId: string; fact: StoredFact }[] = [];
    for (const recorded of events) {
      const event = readSideEventOf(recorded);
      if (event.kind === 'subject-fact') {
        facts.push(event);
      } else if (event.kind === 'policy-published') {
        // The two tables are independent: a policy need not wait for the facts before it.
        await this.policies.insert(tx, event.tenantId, event.revision, event.event);
      }
    }
    await this.facts.insertMany(tx, facts);
  }
}

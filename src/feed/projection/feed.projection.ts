import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import { PolicyVersionsTable, SubjectFactsTable } from '../../read-side';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { FeedBatch } from './feed-batch';
import { FeedChangesTable } from './feed-changes.table';
import { FeedHeadsTable } from './feed-heads.table';
import { FeedSubjectsTable } from './feed-subjects.table';

export const FEED = 'feed';

/**
 * The permission-change feed: per tenant, in a gap-free sequence of its own, one change for
 * every subject × combination whose permission (permitted, and on which basis) changes, as
 * rule 1 answers it — the check endpoint's own `evaluatePermission` over the subject's facts
 * and the tenant's policy history, both kept here too so the feed rebuilds on its own.
 *
 * Time is the feed's own clock: the latest transaction time of any event applied (never the
 * wall clock, so a rebuild gives the same feed). Before an event is applied, every subject due
 * by the clock (an expiry, a lapse, a scheduled version, see `nextChangeInstant`) is looked at
 * again at its instant, in time order; then the event's subject, or for a policy version the
 * subjects it can affect, are evaluated at the clock. See ADR 0039.
 */
export class FeedProjection implements Projection {
  readonly name = FEED;
  // 2: indexes for the propagation ledger's reads by recipient and by subject (ADR 0044).
  readonly version = 2;
  readonly facts = new SubjectFactsTable(FEED);
  readonly policies = new PolicyVersionsTable(FEED);
  readonly changes = new FeedChangesTable(FEED);
  readonly subjects = new FeedSubjectsTable(FEED);
  readonly heads = new FeedHeadsTable(FEED);

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.setup(tx);
    await this.policies.setup(tx);
    await this.changes.setup(tx);
    await this.subjects.setup(tx);
    await this.heads.setup(tx);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await this.facts.drop(tx);
    await this.policies.drop(tx);
    await this.changes.drop(tx);
    await this.subjects.drop(tx);
    await this.heads.drop(tx);
  }

  apply(recorded: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    return this.applyBatch([recorded], tx);
  }

  async applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    const batch = await FeedBatch.start(this, tx);
    for (const recorded of events) await batch.apply(recorded);
    await batch.finish();
  }
}

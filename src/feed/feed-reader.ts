import type { SqlExecutor } from '../read-store/read-store.port';
import type { FeedChange } from './projection/feed-change-row';
import {
  type ClosingChangeRange,
  type ClosingRecipient,
  FeedChangesTable,
  type FeedFilter,
} from './projection/feed-changes.table';
import { FeedHeadsTable, type TenantHead } from './projection/feed-heads.table';
import { FEED } from './projection/feed.projection';

/**
 * Reads the feed's changes and heads from the read store, for pages and streams alike. Its
 * `headPosition` is what acknowledgements check a position against (issue #17 item 2).
 */
export class FeedReader {
  private readonly changes = new FeedChangesTable(FEED);
  private readonly heads = new FeedHeadsTable(FEED);

  constructor(private readonly store: SqlExecutor) {}

  /** The tenant's last position: 0 while its feed is empty. */
  headPosition(tenantId: string): Promise<number> {
    return this.heads.head(this.store, tenantId);
  }

  /** Every tenant's head, so a webhook sender sees whose feed moved (ADR 0046). */
  tenantHeads(): Promise<TenantHead[]> {
    return this.heads.heads(this.store);
  }

  page(tenantId: string, after: number, limit: number, filter: FeedFilter): Promise<FeedChange[]> {
    return this.changes.page(this.store, tenantId, after, limit, filter);
  }

  /** The recipient's changes that closed a window, in position order (the propagation ledger). */
  closingChanges(
    tenantId: string,
    recipient: string,
    range: ClosingChangeRange,
    limit?: number,
  ): Promise<FeedChange[]> {
    return this.changes.closing(this.store, tenantId, recipient, range, limit);
  }

  countClosingChanges(
    tenantId: string,
    recipient: string,
    range: ClosingChangeRange,
  ): Promise<number> {
    return this.changes.countClosing(this.store, tenantId, recipient, range);
  }

  /** The subject's changes that closed a window, every recipient's, in position order. */
  subjectClosingChanges(tenantId: string, subjectId: string): Promise<FeedChange[]> {
    return this.changes.closingOfSubject(this.store, tenantId, subjectId);
  }

  closingRecipients(): Promise<ClosingRecipient[]> {
    return this.changes.closingRecipients(this.store);
  }
}

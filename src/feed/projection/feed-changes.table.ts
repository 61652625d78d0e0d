import type { Basis } from '../../consent/domain';
import { insertRows } from '../../projections';
import { asNumber, asString, orNull } from '../../read-store';
import type {
  ReadStoreTransaction,
  SqlExecutor,
  SqlRow,
  SqlValue,
} from '../../read-store/read-store.port';
import type { ChangeTrigger } from '../domain';
import type { FeedChange } from './feed-change-row';

/** Which changes a reader wants: all of them, or only some recipients or categories. */
export interface FeedFilter {
  /** Undefined: every recipient. */
  readonly recipients?: readonly string[];
  readonly category?: string;
}

/**
 * Which changes that closed a window (permitted → not permitted) of one recipient a reader
 * wants: after and up to feed positions, with `validFrom` in [closedFrom, closedBefore)
 * (ISO-8601 as `toIso` writes it, so text order is time order).
 */
export interface ClosingChangeRange {
  readonly after?: number;
  readonly upTo?: number;
  readonly closedFrom?: string;
  readonly closedBefore?: string;
}

const COLUMNS = [
  'tenant_id',
  'position',
  'subject_id',
  'category',
  'recipient',
  'purpose',
  'permitted',
  'basis',
  'valid_from',
  'cause_event_id',
  'cause_position',
  'trigger_kind',
  'policy_version',
];

/** The feed itself: one row per change, keyed by (tenant, position). */
export class FeedChangesTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_changes`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      position BIGINT NOT NULL,
      subject_id TEXT NOT NULL,
      category TEXT NOT NULL,
      recipient TEXT NOT NULL,
      purpose TEXT NOT NULL,
      permitted INTEGER NOT NULL,
      basis TEXT,
      valid_from TEXT NOT NULL,
      cause_event_id TEXT NOT NULL,
      cause_position TEXT NOT NULL,
      trigger_kind TEXT NOT NULL,
      policy_version INTEGER,
      PRIMARY KEY (tenant_id, position)
    )`);
    // The propagation ledger reads a recipient's closing changes, and a subject's (ADR 0044).
    await tx.execute(
      `CREATE INDEX ${this.name}_recipient ON ${this.name} (tenant_id, recipient, permitted, position)`,
    );
    await tx.execute(`CREATE INDEX ${this.name}_subject ON ${this.name} (tenant_id, subject_id)`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async insert(tx: ReadStoreTransaction, tenantId: string, changes: readonly FeedChange[]) {
    await insertRows(
      tx,
      this.name,
      COLUMNS,
      changes.map((c): SqlValue[] => [
        tenantId,
        c.position,
        c.subjectId,
        c.category,
        c.recipient,
        c.purpose,
        c.permitted ? 1 : 0,
        c.basis,
        c.validFrom,
        c.causeEventId,
        c.causePosition,
        c.trigger,
        c.policyVersion,
      ]),
    );
  }

  /** Up to `limit` changes of the tenant after `after`, in position order, filtered. */
  async page(
    executor: SqlExecutor,
    tenantId: string,
    after: number,
    limit: number,
    filter: FeedFilter = {},
  ): Promise<FeedChange[]> {
    const params: SqlValue[] = [tenantId, after];
    const conditions: string[] = [];
    if (filter.recipients !== undefined) {
      if (filter.recipients.length === 0) return [];
      const list = filter.recipients.map((recipient) => {
        params.push(recipient);
        return `$${params.length}`;
      });
      conditions.push(`AND recipient IN (${list.join(', ')})`);
    }
    if (filter.category !== undefined) {
      params.push(filter.category);
      conditions.push(`AND category = $${params.length}`);
    }
    params.push(limit);
    const rows = await executor.query(
      `SELECT ${COLUMNS.slice(1).join(', ')} FROM ${this.name}
       WHERE tenant_id = $1 AND position > $2 ${conditions.join(' ')}
       ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return rows.map(toChange);
  }

  /**
   * The recipient's closing changes in the range, in position order. The feed emits a change
   * with `permitted` false only after one that permitted (ADR 0039), so every such row
   * closes a window.
   */
  async closing(
    executor: SqlExecutor,
    tenantId: string,
    recipient: string,
    range: ClosingChangeRange,
    limit?: number,
  ): Promise<FeedChange[]> {
    const { where, params } = closingWhere(tenantId, recipient, range);
    if (limit !== undefined) params.push(limit);
    const rows = await executor.query(
      `SELECT ${COLUMNS.slice(1).join(', ')} FROM ${this.name} WHERE ${where}
       ORDER BY position ${limit === undefined ? '' : `LIMIT $${params.length}`}`,
      params,
    );
    return rows.map(toChange);
  }

  async countClosing(
    executor: SqlExecutor,
    tenantId: string,
    recipient: string,
    range: ClosingChangeRange,
  ): Promise<number> {
    const { where, params } = closingWhere(tenantId, recipient, range);
    const [row] = await executor.query(
      `SELECT COUNT(*) AS n FROM ${this.name} WHERE ${where}`,
      params,
    );
    return row === undefined ? 0 : asNumber(row.n);
  }

  /** The subject's closing changes, every recipient's, in position order. */
  async closingOfSubject(
    executor: SqlExecutor,
    tenantId: string,
    subjectId: string,
  ): Promise<FeedChange[]> {
    const rows = await executor.query(
      `SELECT ${COLUMNS.slice(1).join(', ')} FROM ${this.name}
       WHERE tenant_id = $1 AND subject_id = $2 AND permitted = 0 ORDER BY position`,
      [tenantId, subjectId],
    );
    return rows.map(toChange);
  }

  /** Every (tenant, recipient) with a closing change: a scan of the whole feed. */
  async closingRecipients(executor: SqlExecutor): Promise<ClosingRecipient[]> {
    const rows = await executor.query(
      `SELECT DISTINCT tenant_id, recipient FROM ${this.name} WHERE permitted = 0`,
    );
    return rows.map((row) => ({
      tenantId: asString(row.tenant_id),
      recipient: asString(row.recipient),
    }));
  }
}

/** A (tenant, recipient) pair that has closing changes. */
export interface ClosingRecipient {
  readonly tenantId: string;
  readonly recipient: string;
}

function closingWhere(tenantId: string, recipient: string, range: ClosingChangeRange) {
  const params: SqlValue[] = [tenantId, recipient];
  const conditions = ['tenant_id = $1', 'recipient = $2', 'permitted = 0'];
  const add = (condition: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(`${condition} $${params.length}`);
  };
  add('position >', range.after);
  add('position <=', range.upTo);
  add('valid_from >=', range.closedFrom);
  add('valid_from <', range.closedBefore);
  return { where: conditions.join(' AND '), params };
}

function toChange(row: SqlRow): FeedChange {
  return {
    position: asNumber(row.position),
    subjectId: asString(row.subject_id),
    category: asString(row.category),
    recipient: asString(row.recipient),
    purpose: asString(row.purpose),
    permitted: asNumber(row.permitted) === 1,
    basis: orNull(row.basis, asString) as Basis | null,
    validFrom: asString(row.valid_from),
    causeEventId: asString(row.cause_event_id),
    causePosition: asString(row.cause_position),
    trigger: asString(row.trigger_kind) as ChangeTrigger,
    policyVersion: orNull(row.policy_version, asNumber),
  };
}

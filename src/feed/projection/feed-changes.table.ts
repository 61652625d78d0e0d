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

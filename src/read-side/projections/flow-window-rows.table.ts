import type { Permission } from '../../consent/domain';
import type {
  ReadStoreTransaction,
  SqlExecutor,
  SqlRow,
  SqlValue,
} from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import type {
  CauseRecord,
  CombinationRecord,
  FlowWindowRecord,
  OneOffFlowRecord,
} from '../replay/flow-window-records';
import type { FlowWindowFilter } from './flow-window-filter';
import { insertRows } from '../../projections';
import type { CountedWindow } from '../summary/count-intervals';

/** Subject-and-combination terms per DELETE: far below either driver's parameter limit. */
const TARGETS_PER_STATEMENT = 200;

/** Rows to remove: a subject's of one combination, or all of its rows without `only`. */
interface RemovalTarget {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly only?: Permission;
}

export function subjectKey(tenantId: string, subjectId: string): string {
  return `${tenantId}\u0000${subjectId}`;
}

/** A window a replacement removed: what the per-tenant counts had counted. */
export interface ReplacedWindow {
  readonly combination: Permission;
  readonly window: CountedWindow;
}

const WINDOW_COLUMNS = [
  'tenant_id',
  'subject_id',
  'category',
  'recipient',
  'purpose',
  'seq',
  'start_at',
  'end_at',
  'opened_by',
  'closed_by',
  'bases',
];
const ONE_OFF_FLOW_COLUMNS = [
  'tenant_id',
  'subject_id',
  'revision',
  'category',
  'recipient',
  'purpose',
  'occurred_at',
  'event_id',
  'sync_id',
  'flow_precision',
];

/** Rows to insert into the two tables, gathered over a batch. */
export class WindowRows {
  readonly windows: SqlValue[][] = [];
  readonly oneOffFlows: SqlValue[][] = [];

  /** Adds the rows of the subject's `records`. */
  add(tenantId: string, subjectId: string, records: readonly CombinationRecord[]): void {
    for (const record of records) {
      const { category, recipient, purpose } = record;
      record.windows.forEach((window, seq) => {
        this.windows.push([
          tenantId,
          subjectId,
          category,
          recipient,
          purpose,
          seq,
          window.start,
          window.end ?? null,
          JSON.stringify(window.openedBy),
          window.closedBy ? JSON.stringify(window.closedBy) : null,
          JSON.stringify(window.bases),
        ]);
      });
      for (const flow of record.oneOffFlows) {
        this.oneOffFlows.push([
          tenantId,
          subjectId,
          flow.revision,
          category,
          recipient,
          purpose,
          flow.at,
          flow.eventId,
          flow.syncId,
          flow.precision,
        ]);
      }
    }
  }
}

/**
 * The windows and one-off flows of every (tenant, subject, combination): one row per
 * window (numbered within its combination) and one per one-off flow. A subject's rows are
 * removed and inserted anew whenever they are recomputed. ISO-8601 instants of this fixed format order as
 * text, so range filters work the same on both dialects.
 */
export class FlowWindowRowsTable {
  readonly windows: string;
  readonly oneOffFlows: string;

  constructor(projection: string) {
    this.windows = `${projection}_rows`;
    this.oneOffFlows = `${projection}_one_off_flows`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.windows} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      category TEXT NOT NULL,
      recipient TEXT NOT NULL,
      purpose TEXT NOT NULL,
      seq INTEGER NOT NULL,
      start_at TEXT NOT NULL,
      end_at TEXT,
      opened_by TEXT NOT NULL,
      closed_by TEXT,
      bases TEXT NOT NULL,
      PRIMARY KEY (tenant_id, subject_id, category, recipient, purpose, seq)
    )`);
    await tx.execute(`CREATE TABLE ${this.oneOffFlows} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      category TEXT NOT NULL,
      recipient TEXT NOT NULL,
      purpose TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      event_id TEXT NOT NULL,
      sync_id TEXT NOT NULL,
      flow_precision TEXT NOT NULL,
      PRIMARY KEY (tenant_id, subject_id, revision)
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.windows}`);
    await tx.execute(`DROP TABLE IF EXISTS ${this.oneOffFlows}`);
  }

  /**
   * Deletes the rows of every target: a subject's rows of one combination, or of all of
   * them when `only` is undefined. Resolves to the windows removed, by `subjectKey`. A few
   * statements for the whole batch (`TARGETS_PER_STATEMENT` targets each), not two per
   * subject and combination: each is a round trip, and on a busy service every round trip
   * also waits for its turn on the event loop.
   */
  async removeMany(
    tx: ReadStoreTransaction,
    targets: readonly RemovalTarget[],
  ): Promise<Map<string, ReplacedWindow[]>> {
    const removed = new Map<string, ReplacedWindow[]>();
    for (let offset = 0; offset < targets.length; offset += TARGETS_PER_STATEMENT) {
      const chunk = targets.slice(offset, offset + TARGETS_PER_STATEMENT);
      const params: SqlValue[] = [];
      // Each term names its tenant and subject, so both dialects look every term up in the
      // primary key's index (see SqlHashStore.readNodes).
      const terms = chunk.map(({ tenantId, subjectId, only }) => {
        const at = params.length;
        if (!only) {
          params.push(tenantId, subjectId);
          return `(tenant_id = $${at + 1} AND subject_id = $${at + 2})`;
        }
        params.push(tenantId, subjectId, only.category, only.recipient, only.purpose);
        return (
          `(tenant_id = $${at + 1} AND subject_id = $${at + 2} AND category = $${at + 3}` +
          ` AND recipient = $${at + 4} AND purpose = $${at + 5})`
        );
      });
      const where = terms.join(' OR ');
      const rows = await tx.query(
        `DELETE FROM ${this.windows} WHERE ${where}
         RETURNING tenant_id, subject_id, category, recipient, purpose, start_at, end_at, bases`,
        params,
      );
      await tx.execute(`DELETE FROM ${this.oneOffFlows} WHERE ${where}`, params);
      for (const row of rows) {
        const key = subjectKey(asString(row.tenant_id), asString(row.subject_id));
        const list = removed.get(key) ?? [];
        list.push(replacedWindowOf(row));
        removed.set(key, list);
      }
    }
    return removed;
  }

  /** Inserts the rows `rows` gathered: a whole batch's in a few multi-row statements. */
  async insert(tx: ReadStoreTransaction, rows: WindowRows): Promise<void> {
    await insertRows(tx, this.windows, WINDOW_COLUMNS, rows.windows);
    await insertRows(tx, this.oneOffFlows, ONE_OFF_FLOW_COLUMNS, rows.oneOffFlows);
  }

  /** The subject's stored windows and one-off flows matching `filter`, by combination key. */
  async read(
    executor: SqlExecutor,
    tenantId: string,
    subjectId: string,
    filter: FlowWindowFilter,
  ): Promise<Map<string, Pick<CombinationRecord, 'windows' | 'oneOffFlows'>>> {
    const found = new Map<string, Pick<CombinationRecord, 'windows' | 'oneOffFlows'>>();
    const entry = (row: SqlRow) => {
      const key = combinationKey({
        category: asString(row.category),
        recipient: asString(row.recipient),
        purpose: asString(row.purpose),
      });
      const existing = found.get(key) ?? { windows: [], oneOffFlows: [] };
      found.set(key, existing);
      return existing;
    };

    const windows = conditions(filter, 'start_at', 'end_at');
    for (const row of await executor.query(
      `SELECT category, recipient, purpose, start_at, end_at, opened_by, closed_by, bases
       FROM ${this.windows} WHERE tenant_id = $1 AND subject_id = $2 ${windows.where}
       ORDER BY category, recipient, purpose, seq`,
      [tenantId, subjectId, ...windows.params],
    )) {
      entry(row).windows.push(windowOf(row));
    }

    const flows = conditions(filter, 'occurred_at', 'occurred_at');
    for (const row of await executor.query(
      `SELECT category, recipient, purpose, occurred_at, revision, event_id, sync_id, flow_precision
       FROM ${this.oneOffFlows} WHERE tenant_id = $1 AND subject_id = $2 ${flows.where}
       ORDER BY category, recipient, purpose, occurred_at, revision`,
      [tenantId, subjectId, ...flows.params],
    )) {
      entry(row).oneOffFlows.push(oneOffFlowOf(row));
    }
    return found;
  }
}

export function combinationKey(c: Permission): string {
  return `${c.category}\u0000${c.recipient}\u0000${c.purpose}`;
}

/** SQL conditions for a filter, numbered after the tenant ($1) and subject ($2). */
function conditions(
  filter: FlowWindowFilter,
  startColumn: string,
  endColumn: string,
): { where: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const add = (sql: (placeholder: string) => string, value: string) => {
    params.push(value);
    parts.push(sql(`$${params.length + 2}`));
  };
  if (filter.category !== undefined) add((p) => `category = ${p}`, filter.category);
  if (filter.recipient !== undefined) add((p) => `recipient = ${p}`, filter.recipient);
  if (filter.purpose !== undefined) add((p) => `purpose = ${p}`, filter.purpose);
  if (filter.to !== undefined) add((p) => `${startColumn} < ${p}`, filter.to);
  if (filter.from !== undefined) {
    // A one-off flow is an instant: it lies in [from, to) when at >= from.
    const after = startColumn === endColumn ? '>=' : '>';
    add((p) => `(${endColumn} IS NULL OR ${endColumn} ${after} ${p})`, filter.from);
  }
  return { where: parts.map((part) => `AND ${part}`).join(' '), params };
}

function windowOf(row: SqlRow): FlowWindowRecord {
  const end = row.end_at === null ? undefined : asString(row.end_at);
  const closedBy = row.closed_by === null ? undefined : asString(row.closed_by);
  return {
    start: asString(row.start_at),
    ...(end !== undefined ? { end } : {}),
    openedBy: JSON.parse(asString(row.opened_by)) as CauseRecord,
    ...(closedBy !== undefined ? { closedBy: JSON.parse(closedBy) as CauseRecord } : {}),
    bases: JSON.parse(asString(row.bases)) as FlowWindowRecord['bases'],
  };
}

function replacedWindowOf(row: SqlRow): ReplacedWindow {
  const end = row.end_at === null ? undefined : asString(row.end_at);
  return {
    combination: {
      category: asString(row.category),
      recipient: asString(row.recipient),
      purpose: asString(row.purpose),
    },
    window: {
      start: asString(row.start_at),
      ...(end !== undefined ? { end } : {}),
      bases: JSON.parse(asString(row.bases)) as FlowWindowRecord['bases'],
    },
  };
}

function oneOffFlowOf(row: SqlRow): OneOffFlowRecord {
  return {
    at: asString(row.occurred_at),
    revision: asNumber(row.revision),
    eventId: asString(row.event_id),
    syncId: asString(row.sync_id),
    precision: asString(row.flow_precision) as OneOffFlowRecord['precision'],
  };
}

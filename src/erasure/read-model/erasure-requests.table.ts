import type { ReadStoreTransaction, SqlExecutor, SqlValue } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import type { ErasureRecord } from './erasure-record';

/** Which requests to list; every part is optional. */
interface ErasureFilter {
  readonly state?: 'open' | 'completed';
  /** True: open and past the deadline at `now`; false: everything else. */
  readonly overdue?: boolean;
  /** ISO-8601 instant the overdue filter compares deadlines with. */
  readonly now: string;
  /** Lists after this (deadline, subject, erasure), in that order. */
  readonly after?: ErasureCursor;
  readonly limit: number;
}

export interface ErasureCursor {
  readonly deadline: string;
  readonly subjectId: string;
  readonly erasureId: string;
}

export interface OpenErasureStats {
  readonly tenantId: string;
  readonly open: number;
  readonly overdue: number;
  /** ISO-8601 instant: the earliest deadline of an open request. */
  readonly earliestDeadline: string;
}

/**
 * One row per erasure request: the columns the listing filters and sorts on, and the record
 * as JSON. Deadlines are ISO-8601 text of one fixed form, which orders as text on both
 * dialects, so "overdue" is a text comparison.
 */
export class ErasureRequestsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_rows`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      erasure_id TEXT NOT NULL,
      state TEXT NOT NULL,
      deadline TEXT NOT NULL,
      record TEXT NOT NULL,
      PRIMARY KEY (tenant_id, subject_id, erasure_id)
    )`);
    await tx.execute(
      `CREATE INDEX ${this.name}_by_deadline ON ${this.name} (tenant_id, state, deadline)`,
    );
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async find(
    executor: SqlExecutor,
    tenantId: string,
    subjectId: string,
    erasureId: string,
  ): Promise<ErasureRecord | undefined> {
    const [row] = await executor.query(
      `SELECT record FROM ${this.name}
       WHERE tenant_id = $1 AND subject_id = $2 AND erasure_id = $3`,
      [tenantId, subjectId, erasureId],
    );
    return row && (JSON.parse(asString(row.record)) as ErasureRecord);
  }

  /** Inserts or replaces the record. */
  async save(tx: ReadStoreTransaction, tenantId: string, record: ErasureRecord): Promise<void> {
    await tx.execute(
      `INSERT INTO ${this.name} (tenant_id, subject_id, erasure_id, state, deadline, record)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, subject_id, erasure_id) DO UPDATE SET
         state = excluded.state, deadline = excluded.deadline, record = excluded.record`,
      [
        tenantId,
        record.subjectId,
        record.erasureId,
        record.completion ? 'completed' : 'open',
        record.deadline,
        JSON.stringify(record),
      ],
    );
  }

  async list(
    executor: SqlExecutor,
    tenantId: string,
    filter: ErasureFilter,
  ): Promise<ErasureRecord[]> {
    const where = ['tenant_id = $1'];
    const params: SqlValue[] = [tenantId];
    const param = (value: SqlValue) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.state !== undefined) where.push(`state = ${param(filter.state)}`);
    if (filter.overdue === true) {
      where.push(`state = 'open' AND deadline < ${param(filter.now)}`);
    } else if (filter.overdue === false) {
      where.push(`(state <> 'open' OR deadline >= ${param(filter.now)})`);
    }
    if (filter.after) {
      const d = param(filter.after.deadline);
      const s = param(filter.after.subjectId);
      const e = param(filter.after.erasureId);
      where.push(
        `(deadline > ${d} OR (deadline = ${d} AND (subject_id > ${s} OR (subject_id = ${s} AND erasure_id > ${e}))))`,
      );
    }
    const rows = await executor.query(
      `SELECT record FROM ${this.name} WHERE ${where.join(' AND ')}
       ORDER BY deadline, subject_id, erasure_id LIMIT ${param(filter.limit)}`,
      params,
    );
    return rows.map((row) => JSON.parse(asString(row.record)) as ErasureRecord);
  }

  /** Per tenant with open requests: how many, how many overdue at `now`, the earliest deadline. */
  async openStats(executor: SqlExecutor, now: string): Promise<OpenErasureStats[]> {
    const rows = await executor.query(
      `SELECT tenant_id, COUNT(*) AS open_count,
              SUM(CASE WHEN deadline < $1 THEN 1 ELSE 0 END) AS overdue_count,
              MIN(deadline) AS earliest_deadline
       FROM ${this.name} WHERE state = 'open' GROUP BY tenant_id ORDER BY tenant_id`,
      [now],
    );
    return rows.map((row) => ({
      tenantId: asString(row.tenant_id),
      open: asNumber(row.open_count),
      overdue: asNumber(row.overdue_count),
      earliestDeadline: asString(row.earliest_deadline),
    }));
  }
}

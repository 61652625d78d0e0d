import { toIso } from '../../shared/time/instant';
import { asString, orNull } from '../../read-store';
import type { ReadStoreTransaction, SqlExecutor, SqlRow } from '../../read-store/read-store.port';
import type { FollowedSubject, Standings } from '../domain';

/** A subject due to be looked at again, with its key. */
export interface DueSubject {
  readonly tenantId: string;
  readonly subjectId: string;
  /** Epoch ms. */
  readonly due: number;
}

/**
 * Per subject what the feed said last (its permitted combinations) and when to look again
 * though no event comes. `next_due` is ISO-8601 text, which sorts as time does, indexed so
 * that finding the subjects due by an instant is one range read.
 */
export class FeedSubjectsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_subjects`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      standings TEXT NOT NULL,
      next_due TEXT,
      PRIMARY KEY (tenant_id, subject_id)
    )`);
    await tx.execute(`CREATE INDEX ${this.name}_due ON ${this.name} (next_due)`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async load(
    executor: SqlExecutor,
    tenantId: string,
    subjectId: string,
  ): Promise<FollowedSubject | undefined> {
    const [row] = await executor.query(
      `SELECT standings, next_due FROM ${this.name} WHERE tenant_id = $1 AND subject_id = $2`,
      [tenantId, subjectId],
    );
    return row === undefined ? undefined : followedOf(row);
  }

  async save(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectId: string,
    followed: FollowedSubject,
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO ${this.name} (tenant_id, subject_id, standings, next_due) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, subject_id)
       DO UPDATE SET standings = excluded.standings, next_due = excluded.next_due`,
      [
        tenantId,
        subjectId,
        JSON.stringify(followed.standings),
        followed.nextDue === undefined ? null : toIso(followed.nextDue),
      ],
    );
  }

  /** The earliest instant any subject is due at (epoch ms), if any. */
  async earliestDue(executor: SqlExecutor): Promise<number | undefined> {
    const [row] = await executor.query(`SELECT MIN(next_due) AS due FROM ${this.name}`);
    const due = orNull(row?.due ?? null, asString);
    return due === null ? undefined : Date.parse(due);
  }

  /** Every subject due at or before `at` (epoch ms), in (due, tenant, subject) order. */
  async dueBy(executor: SqlExecutor, at: number): Promise<DueSubject[]> {
    const rows = await executor.query(
      `SELECT tenant_id, subject_id, next_due FROM ${this.name}
       WHERE next_due IS NOT NULL AND next_due <= $1`,
      [toIso(at)],
    );
    // Sorted here, not in SQL: a PostgreSQL collation may order text otherwise than code points.
    return rows
      .map((row) => ({
        tenantId: asString(row.tenant_id),
        subjectId: asString(row.subject_id),
        due: Date.parse(asString(row.next_due)),
      }))
      .sort(compareDue);
  }
}

export function compareDue(a: DueSubject, b: DueSubject): number {
  return (
    a.due - b.due || compareText(a.tenantId, b.tenantId) || compareText(a.subjectId, b.subjectId)
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function followedOf(row: SqlRow): FollowedSubject {
  const due = orNull(row.next_due, asString);
  return {
    standings: JSON.parse(asString(row.standings)) as Standings,
    ...(due !== null ? { nextDue: Date.parse(due) } : {}),
  };
}

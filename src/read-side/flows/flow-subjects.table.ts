import { insertRows } from '../../projections';
import type { ReadStoreTransaction, SqlExecutor } from '../../read-store/read-store.port';

/**
 * The subjects the `flows` projection has seen (a stream's first event registers it), so
 * a subject without syncs yet is known and answers with no flows, not a 404.
 */
export class FlowSubjectsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_subjects`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      PRIMARY KEY (tenant_id, subject_id)
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  /** Inserts many subjects with multi-row statements. */
  async insertMany(
    tx: ReadStoreTransaction,
    subjects: readonly { tenantId: string; subjectId: string }[],
  ): Promise<void> {
    await insertRows(
      tx,
      this.name,
      ['tenant_id', 'subject_id'],
      subjects.map(({ tenantId, subjectId }) => [tenantId, subjectId]),
    );
  }

  async has(executor: SqlExecutor, tenantId: string, subjectId: string): Promise<boolean> {
    const rows = await executor.query(
      `SELECT 1 AS found FROM ${this.name} WHERE tenant_id = $1 AND subject_id = $2`,
      [tenantId, subjectId],
    );
    return rows.length > 0;
  }
}

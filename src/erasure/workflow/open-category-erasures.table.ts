import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store/sql-value';

export interface OpenCategoryErasure {
  readonly erasureId: string;
  readonly categories: readonly string[];
  readonly requestedAt: number;
}

/**
 * The category erasures not yet completed, per subject: a sync recorded later (an import
 * back-dated before the request) of one of their categories has a recipient to notify.
 * Account erasures need no row: after one, no sync is recorded any more.
 */
export class OpenCategoryErasuresTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_open_category_erasures`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      erasure_id TEXT NOT NULL,
      categories TEXT NOT NULL,
      requested_at BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, subject_id, erasure_id)
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async insert(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectId: string,
    erasure: OpenCategoryErasure,
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO ${this.name} (tenant_id, subject_id, erasure_id, categories, requested_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        tenantId,
        subjectId,
        erasure.erasureId,
        JSON.stringify(erasure.categories),
        erasure.requestedAt,
      ],
    );
  }

  async remove(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectId: string,
    erasureId: string,
  ): Promise<void> {
    await tx.execute(
      `DELETE FROM ${this.name} WHERE tenant_id = $1 AND subject_id = $2 AND erasure_id = $3`,
      [tenantId, subjectId, erasureId],
    );
  }

  /** The subject's open category erasures that cover `category`, by erasure id. */
  async covering(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectId: string,
    category: string,
  ): Promise<OpenCategoryErasure[]> {
    const rows = await tx.query(
      `SELECT erasure_id, categories, requested_at FROM ${this.name}
       WHERE tenant_id = $1 AND subject_id = $2 ORDER BY erasure_id`,
      [tenantId, subjectId],
    );
    return rows
      .map((row) => ({
        erasureId: asString(row.erasure_id),
        categories: JSON.parse(asString(row.categories)) as string[],
        requestedAt: asNumber(row.requested_at),
      }))
      .filter((erasure) => erasure.categories.includes(category));
  }
}

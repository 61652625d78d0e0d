import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';

/** Subjects per `IN (…)` list: far below either driver's limit on bound parameters. */
const SUBJECTS_PER_QUERY = 500;

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

  /**
   * The open category erasures of each of the tenant's `subjectIds`, by subject, each list
   * by erasure id; subjects without any are absent. One query per few hundred subjects, so
   * a batch reads them once instead of once per recorded sync.
   */
  async openFor(
    tx: ReadStoreTransaction,
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<Map<string, OpenCategoryErasure[]>> {
    const open = new Map<string, OpenCategoryErasure[]>();
    const unique = [...new Set(subjectIds)];
    for (let offset = 0; offset < unique.length; offset += SUBJECTS_PER_QUERY) {
      const chunk = unique.slice(offset, offset + SUBJECTS_PER_QUERY);
      const list = chunk.map((_, i) => `$${i + 2}`).join(', ');
      const rows = await tx.query(
        `SELECT subject_id, erasure_id, categories, requested_at FROM ${this.name}
         WHERE tenant_id = $1 AND subject_id IN (${list}) ORDER BY subject_id, erasure_id`,
        [tenantId, ...chunk],
      );
      for (const row of rows) {
        const subjectId = asString(row.subject_id);
        const erasures = open.get(subjectId) ?? [];
        erasures.push({
          erasureId: asString(row.erasure_id),
          categories: JSON.parse(asString(row.categories)) as string[],
          requestedAt: asNumber(row.requested_at),
        });
        open.set(subjectId, erasures);
      }
    }
    return open;
  }
}

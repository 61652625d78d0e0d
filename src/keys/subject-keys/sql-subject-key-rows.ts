import { asBytes, asNumber, asString } from '../../read-store';
import type { WrappedKey } from '../kek/key-encryption-keys.port';
import type { KeysSchema, KeysSql } from '../storage/keys-sql';
import type { LiveKeyRow, StaleKeyRow, SubjectKeyRows } from './subject-key-rows';

/** A destroyed row keeps its key id (public) and loses everything that could rebuild the key. */
export const SUBJECT_KEYS_TABLES: KeysSchema = (d) => `
  CREATE TABLE IF NOT EXISTS ${d.table('subject_keys')} (
    tenant_id    ${d.text} NOT NULL,
    subject_id   ${d.text} NOT NULL,
    key_id       ${d.text},
    kek_id       ${d.text},
    wrapped      ${d.bytes},
    created_at   ${d.createdAt},
    destroyed_at ${d.timestamp},
    PRIMARY KEY (tenant_id, subject_id),
    CHECK ((destroyed_at IS NULL AND key_id IS NOT NULL AND kek_id IS NOT NULL AND wrapped IS NOT NULL)
        OR (destroyed_at IS NOT NULL AND kek_id IS NULL AND wrapped IS NULL))
  )${d.tableOptions};
  CREATE INDEX IF NOT EXISTS subject_keys_by_kek ON ${d.table('subject_keys')} (kek_id)
    WHERE kek_id IS NOT NULL;
`;

/** The subject keys table, in the keys SQLite file or the key store's PostgreSQL schema. */
export class SqlSubjectKeyRows implements SubjectKeyRows {
  private readonly table: string;

  constructor(private readonly db: KeysSql) {
    this.table = db.sql.table('subject_keys');
  }

  async insertIfAbsent(tenantId: string, subjectId: string, row: LiveKeyRow): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${this.table} (tenant_id, subject_id, key_id, kek_id, wrapped, created_at)
       VALUES ($1, $2, $3, $4, $5, ${this.db.sql.now}) ON CONFLICT DO NOTHING`,
      [tenantId, subjectId, row.keyId, row.kekId, row.wrapped],
    );
  }

  async find(tenantId: string, subjectId: string): Promise<LiveKeyRow | 'destroyed' | undefined> {
    const [row] = await this.db.query(
      `SELECT key_id, kek_id, wrapped, destroyed_at FROM ${this.table}
       WHERE tenant_id = $1 AND subject_id = $2`,
      [tenantId, subjectId],
    );
    if (row === undefined) return undefined;
    // The CHECK constraint makes these agree; testing all keeps the types honest.
    if (
      row.destroyed_at !== null ||
      row.key_id === null ||
      row.kek_id === null ||
      row.wrapped === null
    ) {
      return 'destroyed';
    }
    return {
      keyId: asString(row.key_id),
      kekId: asString(row.kek_id),
      wrapped: asBytes(row.wrapped),
    };
  }

  async markDestroyed(tenantId: string, subjectId: string): Promise<void> {
    const now = this.db.sql.now;
    await this.db.execute(
      `INSERT INTO ${this.table} AS k (tenant_id, subject_id, created_at, destroyed_at)
       VALUES ($1, $2, ${now}, ${now})
       ON CONFLICT (tenant_id, subject_id) DO UPDATE SET
         wrapped = NULL, kek_id = NULL, destroyed_at = COALESCE(k.destroyed_at, excluded.destroyed_at)`,
      [tenantId, subjectId],
    );
    await this.db.clearResidue();
  }

  async countWrappedOutside(kekId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*) AS n FROM ${this.table} WHERE kek_id IS NOT NULL AND kek_id <> $1`,
      [kekId],
    );
    return asNumber(row?.n ?? 0);
  }

  async wrappedOutside(kekId: string, limit: number): Promise<StaleKeyRow[]> {
    const rows = await this.db.query(
      `SELECT tenant_id, subject_id, kek_id, wrapped FROM ${this.table}
       WHERE kek_id IS NOT NULL AND kek_id <> $1 ORDER BY tenant_id, subject_id LIMIT $2`,
      [kekId, limit],
    );
    return rows.map((row) => ({
      tenantId: asString(row.tenant_id),
      subjectId: asString(row.subject_id),
      kekId: asString(row.kek_id),
      wrapped: asBytes(row.wrapped),
    }));
  }

  async replaceWrapped(row: StaleKeyRow, next: WrappedKey): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE ${this.table} SET kek_id = $1, wrapped = $2
       WHERE tenant_id = $3 AND subject_id = $4 AND destroyed_at IS NULL
         AND kek_id = $5 AND wrapped = $6`,
      [next.kekId, next.wrapped, row.tenantId, row.subjectId, row.kekId, row.wrapped],
    );
    return changed === 1;
  }

  async kekIdsInUse(): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT DISTINCT kek_id FROM ${this.table} WHERE kek_id IS NOT NULL ORDER BY kek_id`,
    );
    return rows.map((row) => asString(row.kek_id));
  }

  async countByKek(): Promise<Map<string, number>> {
    const rows = await this.db.query(
      `SELECT kek_id, count(*) AS n FROM ${this.table} WHERE kek_id IS NOT NULL
       GROUP BY kek_id ORDER BY kek_id`,
    );
    return new Map(rows.map((row) => [asString(row.kek_id), asNumber(row.n)]));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

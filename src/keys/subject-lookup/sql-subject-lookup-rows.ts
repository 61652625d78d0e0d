import { asBytes, asString } from '../../read-store';
import type { KeysSchema, KeysSql } from '../storage/keys-sql';
import type { LookupPairing, SubjectLookupRows } from './subject-lookup-rows';

export const SUBJECT_LOOKUP_TABLES: KeysSchema = (d) => `
  CREATE TABLE IF NOT EXISTS ${d.table('subject_lookup')} (
    tenant_id  ${d.text} NOT NULL,
    digest     ${d.bytes} NOT NULL,
    subject_id ${d.text} NOT NULL,
    created_at ${d.createdAt},
    PRIMARY KEY (tenant_id, digest),
    UNIQUE (tenant_id, subject_id)
  )${d.tableOptions};
  CREATE TABLE IF NOT EXISTS ${d.table('lookup_secret')} (
    id          ${d.integer} PRIMARY KEY CHECK (id = 1),
    fingerprint ${d.bytes} NOT NULL
  )${d.tableOptions};
`;

/** The lookup table, in the keys SQLite file or the key store's PostgreSQL schema. */
export class SqlSubjectLookupRows implements SubjectLookupRows {
  private readonly table: string;
  private readonly secretTable: string;

  constructor(private readonly db: KeysSql) {
    this.table = db.sql.table('subject_lookup');
    this.secretTable = db.sql.table('lookup_secret');
  }

  async findSubject(tenantId: string, digest: Buffer): Promise<string | undefined> {
    const [row] = await this.db.query(
      `SELECT subject_id FROM ${this.table} WHERE tenant_id = $1 AND digest = $2`,
      [tenantId, digest],
    );
    return row && asString(row.subject_id);
  }

  async insertIfAbsent(tenantId: string, digest: Buffer, subjectId: string): Promise<boolean> {
    const inserted = await this.db.execute(
      `INSERT INTO ${this.table} (tenant_id, digest, subject_id, created_at)
       VALUES ($1, $2, $3, ${this.db.sql.now}) ON CONFLICT DO NOTHING`,
      [tenantId, digest, subjectId],
    );
    return inserted === 1;
  }

  async pairingsOf(tenantId: string, digest: Buffer, subjectId: string): Promise<LookupPairing[]> {
    const rows = await this.db.query(
      `SELECT digest, subject_id FROM ${this.table}
       WHERE tenant_id = $1 AND (digest = $2 OR subject_id = $3)`,
      [tenantId, digest, subjectId],
    );
    return rows.map((row) => ({
      digest: asBytes(row.digest),
      subjectId: asString(row.subject_id),
    }));
  }

  async claimSecretFingerprint(fingerprint: Buffer): Promise<Buffer> {
    await this.db.execute(
      `INSERT INTO ${this.secretTable} (id, fingerprint) VALUES (1, $1) ON CONFLICT DO NOTHING`,
      [fingerprint],
    );
    const [stored] = await this.db.query(
      `SELECT fingerprint FROM ${this.secretTable} WHERE id = 1`,
    );
    if (stored === undefined) throw new Error('the lookup secret fingerprint row is missing');
    return asBytes(stored.fingerprint);
  }

  async deleteSubject(tenantId: string, subjectId: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${this.table} WHERE tenant_id = $1 AND subject_id = $2`, [
      tenantId,
      subjectId,
    ]);
    await this.db.clearResidue();
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

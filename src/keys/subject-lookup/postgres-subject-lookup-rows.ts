import type { Pool } from 'pg';
import { postgresCall } from '../storage/postgres-key-errors';
import { openKeysPool, type PostgresKeysOptions } from '../storage/postgres-keys-pool';
import type { LookupPairing, SubjectLookupRows } from './subject-lookup-rows';

const DDL = (s: string): string => `
  CREATE TABLE IF NOT EXISTS ${s}.subject_lookup (
    tenant_id  text        NOT NULL,
    digest     bytea       NOT NULL,
    subject_id text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, digest),
    UNIQUE (tenant_id, subject_id)
  );
  CREATE TABLE IF NOT EXISTS ${s}.lookup_secret (
    id          integer PRIMARY KEY CHECK (id = 1),
    fingerprint bytea   NOT NULL
  );
`;

export async function openPostgresSubjectLookupRows(
  options: PostgresKeysOptions,
): Promise<SubjectLookupRows> {
  const { pool, schema } = await openKeysPool(options, DDL, 'subject_lookup');
  return new PostgresSubjectLookupRows(pool, `${schema}.subject_lookup`, `${schema}.lookup_secret`);
}

class PostgresSubjectLookupRows implements SubjectLookupRows {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    private readonly secretTable: string,
  ) {}

  findSubject(tenantId: string, digest: Buffer): Promise<string | undefined> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ subject_id: string }>(
        `SELECT subject_id FROM ${this.table} WHERE tenant_id = $1 AND digest = $2`,
        [tenantId, digest],
      );
      return rows[0]?.subject_id;
    });
  }

  insertIfAbsent(tenantId: string, digest: Buffer, subjectId: string): Promise<boolean> {
    return postgresCall(async () => {
      const result = await this.pool.query(
        `INSERT INTO ${this.table} (tenant_id, digest, subject_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [tenantId, digest, subjectId],
      );
      return result.rowCount === 1;
    });
  }

  pairingsOf(tenantId: string, digest: Buffer, subjectId: string): Promise<LookupPairing[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ digest: Buffer; subject_id: string }>(
        `SELECT digest, subject_id FROM ${this.table}
         WHERE tenant_id = $1 AND (digest = $2 OR subject_id = $3)`,
        [tenantId, digest, subjectId],
      );
      return rows.map((row) => ({ digest: row.digest, subjectId: row.subject_id }));
    });
  }

  claimSecretFingerprint(fingerprint: Buffer): Promise<Buffer> {
    return postgresCall(async () => {
      await this.pool.query(
        `INSERT INTO ${this.secretTable} (id, fingerprint) VALUES (1, $1) ON CONFLICT DO NOTHING`,
        [fingerprint],
      );
      const { rows } = await this.pool.query<{ fingerprint: Buffer }>(
        `SELECT fingerprint FROM ${this.secretTable} WHERE id = 1`,
      );
      const stored = rows[0];
      if (stored === undefined) throw new Error('the lookup secret fingerprint row is missing');
      return stored.fingerprint;
    });
  }

  /** Old tuple versions stay in the heap until VACUUM; the ADR says how erasure handles that. */
  deleteSubject(tenantId: string, subjectId: string): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(`DELETE FROM ${this.table} WHERE tenant_id = $1 AND subject_id = $2`, [
        tenantId,
        subjectId,
      ]);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

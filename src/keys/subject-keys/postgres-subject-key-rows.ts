import type { Pool } from 'pg';
import type { WrappedKey } from '../kek/key-encryption-keys.port';
import { postgresCall } from '../storage/postgres-key-errors';
import { openKeysPool, type PostgresKeysOptions } from '../storage/postgres-keys-pool';
import type { LiveKeyRow, StaleKeyRow, SubjectKeyRows } from './subject-key-rows';

/** A destroyed row keeps its key id (public) and loses everything that could rebuild the key. */
const DDL = (s: string): string => `
  CREATE TABLE IF NOT EXISTS ${s}.subject_keys (
    tenant_id    text        NOT NULL,
    subject_id   text        NOT NULL,
    key_id       text,
    kek_id       text,
    wrapped      bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    destroyed_at timestamptz,
    PRIMARY KEY (tenant_id, subject_id),
    CHECK ((destroyed_at IS NULL AND key_id IS NOT NULL AND kek_id IS NOT NULL AND wrapped IS NOT NULL)
        OR (destroyed_at IS NOT NULL AND kek_id IS NULL AND wrapped IS NULL))
  );
  CREATE INDEX IF NOT EXISTS subject_keys_by_kek ON ${s}.subject_keys (kek_id)
    WHERE kek_id IS NOT NULL;
`;

interface KeyRow {
  key_id: string | null;
  kek_id: string | null;
  wrapped: Buffer | null;
  destroyed_at: Date | null;
}

interface StaleRow {
  tenant_id: string;
  subject_id: string;
  kek_id: string;
  wrapped: Buffer;
}

export async function openPostgresSubjectKeyRows(
  options: PostgresKeysOptions,
): Promise<SubjectKeyRows> {
  const { pool, schema } = await openKeysPool(options, DDL, 'key_store');
  return new PostgresSubjectKeyRows(pool, `${schema}.subject_keys`);
}

class PostgresSubjectKeyRows implements SubjectKeyRows {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  insertIfAbsent(tenantId: string, subjectId: string, row: LiveKeyRow): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `INSERT INTO ${this.table} (tenant_id, subject_id, key_id, kek_id, wrapped)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [tenantId, subjectId, row.keyId, row.kekId, row.wrapped],
      );
    });
  }

  find(tenantId: string, subjectId: string): Promise<LiveKeyRow | 'destroyed' | undefined> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<KeyRow>(
        `SELECT key_id, kek_id, wrapped, destroyed_at FROM ${this.table}
         WHERE tenant_id = $1 AND subject_id = $2`,
        [tenantId, subjectId],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      // The CHECK constraint makes these agree; testing all keeps the types honest.
      if (row.destroyed_at !== null || row.key_id === null || row.kek_id === null) {
        return 'destroyed';
      }
      if (row.wrapped === null) return 'destroyed';
      return { keyId: row.key_id, kekId: row.kek_id, wrapped: row.wrapped };
    });
  }

  markDestroyed(tenantId: string, subjectId: string): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `INSERT INTO ${this.table} AS k (tenant_id, subject_id, destroyed_at)
         VALUES ($1, $2, now())
         ON CONFLICT (tenant_id, subject_id) DO UPDATE SET
           wrapped = NULL, kek_id = NULL, destroyed_at = COALESCE(k.destroyed_at, excluded.destroyed_at)`,
        [tenantId, subjectId],
      );
    });
  }

  countWrappedOutside(kekId: string): Promise<number> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${this.table} WHERE kek_id IS NOT NULL AND kek_id <> $1`,
        [kekId],
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  wrappedOutside(kekId: string, limit: number): Promise<StaleKeyRow[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<StaleRow>(
        `SELECT tenant_id, subject_id, kek_id, wrapped FROM ${this.table}
         WHERE kek_id IS NOT NULL AND kek_id <> $1 ORDER BY tenant_id, subject_id LIMIT $2`,
        [kekId, limit],
      );
      return rows.map((row) => ({
        tenantId: row.tenant_id,
        subjectId: row.subject_id,
        kekId: row.kek_id,
        wrapped: row.wrapped,
      }));
    });
  }

  replaceWrapped(row: StaleKeyRow, next: WrappedKey): Promise<boolean> {
    return postgresCall(async () => {
      const result = await this.pool.query(
        `UPDATE ${this.table} SET kek_id = $1, wrapped = $2
         WHERE tenant_id = $3 AND subject_id = $4 AND destroyed_at IS NULL
           AND kek_id = $5 AND wrapped = $6`,
        [next.kekId, next.wrapped, row.tenantId, row.subjectId, row.kekId, row.wrapped],
      );
      return result.rowCount === 1;
    });
  }

  kekIdsInUse(): Promise<string[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ kek_id: string }>(
        `SELECT DISTINCT kek_id FROM ${this.table} WHERE kek_id IS NOT NULL ORDER BY kek_id`,
      );
      return rows.map((row) => row.kek_id);
    });
  }

  countByKek(): Promise<Map<string, number>> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ kek_id: string; n: string }>(
        `SELECT kek_id, count(*) AS n FROM ${this.table} WHERE kek_id IS NOT NULL
         GROUP BY kek_id ORDER BY kek_id`,
      );
      return new Map(rows.map((row) => [row.kek_id, Number(row.n)]));
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

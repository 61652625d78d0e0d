import type { Pool } from 'pg';
import { migrationLockKey } from './advisory-lock-keys';
import { ALL_MIGRATIONS } from './migrations/all-migrations';
import type { Migration } from './migrations/migration';
import { withClient } from './pooled-client';

/**
 * True when every migration is recorded already. Checked without DDL and without the lock,
 * so a service that connects as a role which does not own the tables (docs/adr/0019) starts
 * on a schema an administrator migrated, and never needs the privileges migrating takes.
 */
async function isUpToDate(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<boolean> {
  const table = await pool.query<{ found: string | null }>(
    'SELECT to_regclass($1)::text AS found',
    [`"${schema}".schema_migrations`],
  );
  if (table.rows[0]?.found == null) return false;
  const { rows } = await pool.query<{ version: number }>(
    `SELECT version FROM "${schema}".schema_migrations`,
  );
  const applied = new Set(rows.map((row) => row.version));
  return migrations.every((migration) => applied.has(migration.version));
}

/**
 * Creates the schema and applies the migrations it lacks, all in one transaction under an
 * advisory lock: two processes starting at once queue here, and the second finds the work
 * done. DDL is transactional in PostgreSQL, so a failed migration leaves nothing behind.
 */
export async function migrateSchema(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = ALL_MIGRATIONS,
): Promise<void> {
  const s = `"${schema}"`;
  if (await isUpToDate(pool, schema, migrations)) return;
  await withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${migrationLockKey(schema)})`);
      // Creating a schema needs CREATE on the database even with IF NOT EXISTS; a schema
      // made beforehand by an administrator must not need that privilege.
      const existing = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
        schema,
      ]);
      if (existing.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
           version    integer     PRIMARY KEY,
           name       text        NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM ${s}.schema_migrations`,
      );
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql(s));
        await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

import type { Pool } from 'pg';
import type { PostgresComponent } from '../../postgres/connection-watch';
import { splitSchemaParameter } from '../../postgres/schema-parameter';
import { WatchedPool } from '../../postgres/watched-pool';
import { InvalidKeyStoreSettingError } from '../keys.errors';
import { postgresCall, toKeyStoreError } from './postgres-key-errors';

export const DEFAULT_KEYS_SCHEMA = 'consent_ledger_keys';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresKeysOptions {
  /** `postgres://…`; a `schema` query parameter names the schema (default `consent_ledger_keys`). */
  readonly url: string;
  readonly maxConnections?: number;
  /** Errors of idle connections, which have no caller to reject. */
  readonly onError?: (error: unknown) => void;
}

export interface KeysPool {
  readonly pool: Pool;
  /** The schema as a quoted identifier, ready to splice into SQL. */
  readonly schema: string;
}

/**
 * Opens a pool and creates the schema and `ddl` (idempotent statements) under an advisory
 * lock, so several processes starting at once do not race on the catalogue.
 */
export async function openKeysPool(
  options: PostgresKeysOptions,
  ddl: (quotedSchema: string) => string,
  /** Names the pool in the connection metrics. */
  component: PostgresComponent,
): Promise<KeysPool> {
  const { connectionString, schema } = splitSchema(options.url);
  const pool = new WatchedPool(
    component,
    { connectionString, max: options.maxConnections ?? 4 },
    options.onError,
  );
  const quoted = `"${schema}"`;
  try {
    await postgresCall(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`keys:${schema}`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
        await client.query(ddl(quoted));
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toKeyStoreError(error);
  }
  return { pool, schema: quoted };
}

function splitSchema(url: string): { connectionString: string; schema: string } {
  const location = splitSchemaParameter(url);
  // The URL may hold a password, so it is not repeated.
  if (!location)
    throw new InvalidKeyStoreSettingError('the key store URL is not a valid postgres:// URL');
  const schema = location.schema ?? DEFAULT_KEYS_SCHEMA;
  if (!IDENTIFIER.test(schema)) {
    throw new InvalidKeyStoreSettingError(
      'the key store schema must be a lower-case SQL identifier (a-z, 0-9, _)',
    );
  }
  return { connectionString: location.connectionString, schema };
}

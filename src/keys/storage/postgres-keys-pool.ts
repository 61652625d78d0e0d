import type { PostgresComponent } from '../../postgres';
import { splitSchemaParameter, WatchedPool } from '../../postgres';
import { InvalidKeyStoreSettingError } from '../keys.errors';
import { postgresKeysDialect } from './keys-dialect';
import type { KeysSchema, KeysSql } from './keys-sql';
import { postgresCall, toKeyStoreError } from './postgres-key-errors';
import { PostgresKeysSql } from './postgres-keys-sql';

export const DEFAULT_KEYS_SCHEMA = 'consent_ledger_keys';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

interface PostgresKeysOptions {
  /** `postgres://…`; a `schema` query parameter names the schema (default `consent_ledger_keys`). */
  readonly url: string;
  readonly maxConnections?: number;
  /** Errors of idle connections, which have no caller to reject. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Opens a pool and creates the schema and the store's tables under an advisory lock, so
 * several processes starting at once do not race on the catalogue.
 */
export async function openPostgresKeysSql(
  options: PostgresKeysOptions,
  tables: KeysSchema,
  /** Names the pool in the connection metrics. */
  component: PostgresComponent,
): Promise<KeysSql> {
  const { connectionString, schema } = splitSchema(options.url);
  const pool = new WatchedPool(
    component,
    { connectionString, max: options.maxConnections ?? 4 },
    options.onError,
  );
  const dialect = postgresKeysDialect(`"${schema}"`);
  try {
    await postgresCall(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`keys:${schema}`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await client.query(tables(dialect));
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
  return new PostgresKeysSql(pool, dialect);
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

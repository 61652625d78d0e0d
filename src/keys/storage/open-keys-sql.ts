import type { PostgresComponent } from '../../postgres';
import { SQLITE_KEYS_DIALECT } from './keys-dialect';
import type { KeysSchema, KeysSql } from './keys-sql';
import type { KeyStoreLocation, KeyStoreOpenOptions } from './key-store-location';
import { openPostgresKeysSql } from './postgres-keys-pool';
import { openKeysDatabase } from './sqlite-keys-database';
import { SqliteKeysSql } from './sqlite-keys-sql';

/**
 * Opens a connection (SQLite) or pool (PostgreSQL) to the keys database at `location` and
 * creates `tables` there if missing. Each store opens its own, so one store's long statement
 * never waits behind another's.
 */
export async function openKeysSql(
  location: KeyStoreLocation,
  tables: KeysSchema,
  /** Names the PostgreSQL pool in the connection metrics. */
  component: PostgresComponent,
  options: KeyStoreOpenOptions = {},
): Promise<KeysSql> {
  if (location.kind === 'postgres') {
    return await openPostgresKeysSql(
      { url: location.url, onError: options.onError },
      tables,
      component,
    );
  }
  const db = openKeysDatabase(location.url, tables(SQLITE_KEYS_DIALECT));
  return new SqliteKeysSql(db, location.url);
}

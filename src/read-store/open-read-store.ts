import { splitSchemaParameter } from '../postgres';
import { openPostgresReadStore } from './postgres/postgres-read-store';
import { InvalidReadStoreSettingError } from './read-store.errors';
import type { ReadStore } from './read-store.port';
import { openSqliteReadStore } from './sqlite/sqlite-read-store';

interface OpenReadStoreOptions {
  /** Errors of idle PostgreSQL connections, which have no caller to reject. */
  readonly onError?: (error: unknown) => void;
}

const POSTGRES = /^postgres(ql)?:\/\//i;
const SQLITE = /^sqlite:(\/\/)?/i;

/**
 * Opens the read store a URL names: `postgres://…` (the schema comes from a `schema` query
 * parameter, default `consent_ledger_read`), or a SQLite file given as a path or `sqlite:path`.
 * Both adapters are imported statically: `pg` is light, `node:sqlite` is built in, and
 * a static import works the same under every module setting the project may use.
 */
export async function openReadStore(
  url: string,
  options: OpenReadStoreOptions = {},
): Promise<ReadStore> {
  if (POSTGRES.test(url)) {
    const { connectionString, schema } = splitSchema(url);
    return await openPostgresReadStore({ connectionString, schema, onError: options.onError });
  }
  const path = url.replace(SQLITE, '');
  if (path === '') throw new InvalidReadStoreSettingError('the read-store URL names no file');
  return await openSqliteReadStore({ path });
}

function splitSchema(url: string): { connectionString: string; schema?: string } {
  const location = splitSchemaParameter(url);
  // The URL may hold a password, so it is not repeated in the message.
  if (!location)
    throw new InvalidReadStoreSettingError('the read-store URL is not a valid postgres:// URL');
  return location;
}

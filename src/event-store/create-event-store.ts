import { splitSchemaParameter } from '../postgres';
import type { EventStore } from './event-store.port';

interface EventStoreSettings {
  /** `sqlite:<path>` / a plain path, `postgres://…`, or `kurrentdb://…` / `esdb://…`. */
  readonly url: string;
  readonly maxEventBytes: number;
}

/**
 * Opens the adapter the URL names. Adapters are required lazily so that a deployment on
 * SQLite never loads the gRPC client, and one on KurrentDB never opens a SQLite file.
 * (`require`, not `import()`: this is CommonJS, where `import()` would bypass the loader
 * the tests and the build share.)
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export async function createEventStore(settings: EventStoreSettings): Promise<EventStore> {
  const { url, maxEventBytes } = settings;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const postgres = require('./postgres/postgres-event-store') as PostgresModule;
    return postgres.openPostgresEventStore({ ...postgresLocation(url), maxEventBytes });
  }
  if (/^(kurrentdb|kdb|esdb|kurrent)(\+discover)?:\/\//.test(url)) {
    const kurrent = require('./kurrentdb/kurrentdb-event-store') as KurrentModule;
    return kurrent.openKurrentDbEventStore({ connectionString: url, maxEventBytes });
  }
  const sqlite = require('./sqlite/sqlite-event-store') as SqliteModule;
  return sqlite.openSqliteEventStore({ path: url.replace(/^sqlite:(\/\/)?/, ''), maxEventBytes });
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** `?schema=name` picks the schema, as for the read and key stores. */
function postgresLocation(url: string): { connectionString: string; schema?: string } {
  const location = splitSchemaParameter(url);
  // The configuration check already refused URLs that do not parse.
  if (!location) throw new Error('EVENT_STORE_URL is not a valid postgres:// URL');
  return location;
}

type PostgresModule = typeof import('./postgres/postgres-event-store');
type KurrentModule = typeof import('./kurrentdb/kurrentdb-event-store');
type SqliteModule = typeof import('./sqlite/sqlite-event-store');

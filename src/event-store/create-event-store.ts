import type { EventStore } from './event-store.port';

export interface EventStoreSettings {
  /** `sqlite:<path>` / a plain path, `postgres://…`, or `kurrentdb://…` / `esdb://…`. */
  readonly url: string;
  readonly maxEventBytes: number;
}

/**
 * Opens the adapter the URL names. Adapters are loaded lazily so that a deployment on
 * SQLite never loads the gRPC client, and one on KurrentDB never opens a SQLite file.
 */
export async function createEventStore(settings: EventStoreSettings): Promise<EventStore> {
  const { url, maxEventBytes } = settings;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresEventStore } = await import('./postgres/postgres-event-store');
    return openPostgresEventStore({ connectionString: url, maxEventBytes });
  }
  if (/^(kurrentdb|kdb|esdb|kurrent)(\+discover)?:\/\//.test(url)) {
    const { openKurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store');
    return openKurrentDbEventStore({ connectionString: url, maxEventBytes });
  }
  const { openSqliteEventStore } = await import('./sqlite/sqlite-event-store');
  return openSqliteEventStore({ path: url.replace(/^sqlite:(\/\/)?/, ''), maxEventBytes });
}

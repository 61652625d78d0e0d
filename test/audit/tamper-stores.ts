import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import {
  ensureCheckpointTable,
  insertCheckpoint,
  type StoredCheckpoint,
} from '../../src/audit/checkpoints/checkpoint-store';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import type {
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../../src/event-store/event-store.port';
import { type StoredEventRow, toRecordedEvent } from '../../src/event-store/stored-event-row';
import type {
  ReadStore,
  SqlDialect,
  SqlExecutor,
  SqlRow,
  SqlValue,
} from '../../src/read-store/read-store.port';
import { openSqliteReadStore } from '../../src/read-store/sqlite/sqlite-read-store';
import { PG_URL } from '../projections/fixtures/stores';

/** Statements on the raw `events` table, `$n` placeholders on both dialects. */
export interface RawSql {
  readonly table: string;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Every event of the feed as the adapters read them (same columns, same row mapping). */
  events(): Promise<RecordedEvent[]>;
}

/**
 * A second connection to an event store's `events` table, beside the adapter's own: each
 * tampering runs in a transaction that is always rolled back, so the next one starts from
 * the same data, without copying a file or a schema.
 */
export interface RawEventsTable {
  inRolledBackTransaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openRawEventsTable(
  dialect: SqlDialect,
  eventStoreUrl: string,
): Promise<RawEventsTable> {
  return dialect === 'sqlite'
    ? sqliteEventsTable(eventStoreUrl.slice('sqlite:'.length))
    : await postgresEventsTable(new URL(eventStoreUrl).searchParams.get('schema') ?? 'public');
}

function sqliteEventsTable(path: string): RawEventsTable {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 5000');
  const numbered = (sql: string) => sql.replace(/\$(\d+)/g, '?$1');
  const sql: RawSql = {
    table: 'events',
    run: (text, params = []) => {
      db.prepare(numbered(text)).run(...params);
      return Promise.resolve();
    },
    events: () => {
      const statement = db.prepare(
        'SELECT position, event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at FROM events ORDER BY position',
      );
      statement.setReadBigInts(true);
      return Promise.resolve((statement.all() as unknown as StoredEventRow[]).map(toRecordedEvent));
    },
  };
  return {
    inRolledBackTransaction: async (work) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        return await work(sql);
      } finally {
        db.exec('ROLLBACK');
      }
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

async function postgresEventsTable(schema: string): Promise<RawEventsTable> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  const table = `"${schema}".events`;
  const sql: RawSql = {
    table,
    run: async (text, params = []) => {
      await client.query(text, params as unknown[]);
    },
    events: async () => {
      const result = await client.query<StoredEventRow>(
        `SELECT e.position::text AS position, e.event_id::text AS event_id, e.stream_name,
                e.stream_revision::text AS stream_revision, e.event_type, e.data, e.metadata,
                e.recorded_at
         FROM ${table} e ORDER BY e.position`,
      );
      return result.rows.map(toRecordedEvent);
    },
  };
  return {
    inRolledBackTransaction: async (work) => {
      await client.query('BEGIN');
      try {
        return await work(sql);
      } finally {
        await client.query('ROLLBACK');
      }
    },
    close: () => client.end(),
  };
}

/** The read-only part of the event store port over events in memory (what a tampered store read). */
export class EventsInMemory implements Pick<EventStore, 'readAll' | 'readStream'> {
  constructor(private readonly events: readonly RecordedEvent[]) {}

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const from = this.events.filter((event) => event.globalPosition > after);
    return Promise.resolve(from.slice(0, options.maxCount ?? from.length));
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.events
      .filter((event) => event.streamName === streamName)
      .sort((a, b) => a.streamRevision - b.streamRevision)
      .filter((event) => event.streamRevision >= (options.fromRevision ?? 0));
    return Promise.resolve(stream.slice(0, options.maxCount ?? stream.length));
  }
}

/**
 * Remembers every query's rows: the exporter reads the same intact tree for every tampering,
 * so only the first of them goes to the database. Refuses writes.
 */
export function cachedReads(sql: SqlExecutor): SqlExecutor {
  const cache = new Map<string, Promise<SqlRow[]>>();
  return {
    dialect: sql.dialect,
    execute: () => Promise.reject(new Error('the cached read store is read-only')),
    query: <Row extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = []) => {
      const key = JSON.stringify([text, params.map(String)]);
      let rows = cache.get(key);
      if (rows === undefined) {
        rows = sql.query(text, params);
        cache.set(key, rows);
      }
      return rows as Promise<Row[]>;
    },
  };
}

/**
 * What the service would hold after rebuilding its audit log from a tampered store: the
 * `audit_log` projection applied to the feed in a fresh in-memory read store (a rebuild is
 * deterministic, so the dialect does not matter), with the signed checkpoints, which a
 * rebuild never touches. Close it after use.
 */
export async function rebuiltAuditLog(
  events: readonly RecordedEvent[],
  checkpoints: readonly StoredCheckpoint[],
): Promise<ReadStore> {
  const store = await openSqliteReadStore({ path: ':memory:' });
  const projection = new AuditLogProjection();
  await store.transaction(async (tx) => {
    await projection.setup(tx);
    // The batch path leaves the rows `apply` leaves (audit-log-batch.property.spec.ts), faster.
    await projection.applyBatch(events, tx);
  });
  await ensureCheckpointTable(store);
  await store.transaction(async (tx) => {
    for (const checkpoint of checkpoints) await insertCheckpoint(tx, checkpoint);
  });
  return store;
}

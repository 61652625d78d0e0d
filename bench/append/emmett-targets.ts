/**
 * The peers: Emmett's SQLite and PostgreSQL event stores, appending the same one-event
 * batches to the same per-writer streams with an exact expected version, as ours do.
 * Both packages are loaded only when measured, so a machine where the native `sqlite3`
 * addon could not be built still runs every other target (the column then says why).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ExpectedStreamVersion } from '@event-driven-io/emmett';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { SQLiteConnection, SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import {
  payload,
  PG_URL,
  tempSqlitePath,
  withFreshSchema,
  type AppendTarget,
  type TargetFactory,
} from './append-targets';

type EmmettModule = typeof import('@event-driven-io/emmett');
type EmmettSqliteModule = typeof import('@event-driven-io/emmett-sqlite');
type EmmettPostgresModule = typeof import('@event-driven-io/emmett-postgresql');

type EmmettAppend = Pick<SQLiteEventStore | PostgresEventStore, 'appendToStream'>;

/**
 * Each writer appends to its own stream, passing the version the previous append returned
 * (STREAM_DOES_NOT_EXIST for the first). `serialise` queues the appends one behind the other.
 */
function emmettTarget(
  store: EmmettAppend,
  serialise: boolean,
  close: () => Promise<void>,
): AppendTarget {
  const { STREAM_DOES_NOT_EXIST } = loadEmmett();
  const streams = new Map<number, { name: string; version: ExpectedStreamVersion }>();
  let queue: Promise<unknown> = Promise.resolve();
  const appendOne = async (worker: number) => {
    const stream = streams.get(worker) ?? {
      name: `bench-${randomUUID()}`,
      version: STREAM_DOES_NOT_EXIST,
    };
    const result = await store.appendToStream(
      stream.name,
      [{ type: 'consent-granted', data: payload(worker, Number(stream.version)) }],
      { expectedStreamVersion: stream.version },
    );
    streams.set(worker, { name: stream.name, version: result.nextExpectedStreamVersion });
  };
  return {
    append(worker) {
      if (!serialise) return appendOne(worker);
      const next = queue.then(() => appendOne(worker));
      queue = next.catch(() => undefined);
      return next;
    },
    close,
  };
}

/**
 * Emmett's SQLite store as fast as it runs correctly in one process. Its default pool opens
 * a new `sqlite3` connection per call (milliseconds each) and sets no busy timeout, so
 * concurrent appends fail at once with SQLITE_BUSY; one shared connection is faster, but
 * concurrent transactions on it nest into one another and are acknowledged before COMMIT.
 * So: one shared connection (WAL, the addon's default synchronous=FULL) and appends queued
 * one at a time — what a user of this version has to do.
 */
export const sqliteEmmett: TargetFactory = {
  name: 'emmett sqlite',
  database: 'sqlite',
  kind: 'peer',
  note:
    'one shared sqlite3 connection, appends serialised by the caller (concurrent appends on ' +
    "Emmett's default per-call connections fail with SQLITE_BUSY)",
  async open() {
    const emmett = loadEmmettSqlite();
    const { path, remove } = tempSqlitePath();
    const connection: SQLiteConnection = emmett.sqliteConnection({ fileName: path });
    const pool = emmett.SQLiteConnectionPool({
      fileName: path,
      connectionOptions: { singleton: true, connection },
    });
    const store = emmett.getSQLiteEventStore({ fileName: path, pool });
    await store.schema.migrate();
    return emmettTarget(store, true, async () => {
      await pool.close();
      connection.close();
      await remove();
    });
  },
};

/** Emmett's PostgreSQL store with its defaults, its tables in a fresh schema. */
export const postgresEmmett: TargetFactory = {
  name: 'emmett postgres',
  database: 'postgres',
  kind: 'peer',
  note: "Emmett's default pool; sequence + transaction-id high-water mark (ADR 0004 option b)",
  async open() {
    const emmett = loadEmmettPostgres();
    const { schema, drop } = withFreshSchema();
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.end();
    }
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const store = emmett.getPostgreSQLEventStore(url.toString());
    await store.schema.migrate();
    return emmettTarget(store, false, async () => {
      await store.close();
      await drop();
    });
  },
};

/**
 * Why a peer cannot be measured here, or undefined when it can. Loading emmett-sqlite loads
 * the native `sqlite3` addon, whose install script npm does not run without approval.
 */
export function unavailableReason(target: TargetFactory): string | undefined {
  try {
    if (target === sqliteEmmett) loadEmmettSqlite();
    if (target === postgresEmmett) loadEmmettPostgres();
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const hint = target === sqliteEmmett ? '; build the addon with `npm rebuild sqlite3`' : '';
    return `${target.name}: cannot be loaded (${message})${hint}`;
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above */
function loadEmmett(): EmmettModule {
  return require('@event-driven-io/emmett') as EmmettModule;
}

function loadEmmettSqlite(): EmmettSqliteModule {
  return require('@event-driven-io/emmett-sqlite') as EmmettSqliteModule;
}

function loadEmmettPostgres(): EmmettPostgresModule {
  return require('@event-driven-io/emmett-postgresql') as EmmettPostgresModule;
}
/* eslint-enable @typescript-eslint/no-require-imports */

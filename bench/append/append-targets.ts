import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client, Pool } from 'pg';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

/** One thing that appends: this project's adapter or a raw baseline on the same database. */
export interface AppendTarget {
  append(worker: number): Promise<void>;
  close(): Promise<void>;
}

export interface TargetFactory {
  readonly name: string;
  readonly database: 'sqlite' | 'postgres' | 'kurrentdb';
  /**
   * `ours` is this project's adapter; `peer` is what users would pick instead (Emmett);
   * `raw` is the same database without any event-store logic (the limit).
   */
  readonly kind: 'ours' | 'peer' | 'raw';
  /** How the target was configured, when that differs from its defaults. */
  readonly note?: string;
  open(workers: number): Promise<AppendTarget>;
}

/** A typical consent event: a few hundred bytes of JSON. */
export function payload(worker: number, seq: number) {
  return {
    tenantId: 'bench',
    subject: `pseudonym-${worker}`,
    category: 'approximate-location',
    recipient: 'map-provider',
    purpose: 'maps',
    policyVersion: 3,
    occurredAt: new Date().toISOString(),
    seq,
    ciphertext: randomBytes(96).toString('base64'),
  };
}

/** Each worker appends one event at a time to its own stream with an exact revision. */
function adapterTarget(store: EventStore, cleanup: () => Promise<void>): AppendTarget {
  const revisions = new Map<number, number>();
  const streams = new Map<number, string>();
  return {
    async append(worker) {
      const stream = streams.get(worker) ?? `bench-${randomUUID()}`;
      streams.set(worker, stream);
      const revision = revisions.get(worker);
      const result = await store.append(
        stream,
        [{ id: randomUUID(), type: 'consent-granted', data: payload(worker, revision ?? -1) }],
        revision ?? 'no_stream',
      );
      revisions.set(worker, result.nextExpectedRevision);
    },
    async close() {
      await store.close();
      await cleanup();
    },
  };
}

export function tempSqlitePath(): { path: string; remove: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-'));
  return {
    path: join(dir, 'events.sqlite'),
    remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

export const sqliteOurs: TargetFactory = {
  name: 'consent-ledger sqlite',
  database: 'sqlite',
  kind: 'ours',
  async open() {
    const { path, remove } = tempSqlitePath();
    return adapterTarget(await openSqliteEventStore({ path }), remove);
  },
};

/**
 * The limit on SQLite: plain INSERTs of the same JSON, batched per event-loop turn into one
 * durable transaction (WAL, synchronous=FULL) — no revision check, no idempotency lookup.
 */
export const sqliteRawBatched: TargetFactory = {
  name: 'raw sqlite batched INSERT',
  database: 'sqlite',
  kind: 'raw',
  open() {
    const { path, remove } = tempSqlitePath();
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('CREATE TABLE raw (id TEXT PRIMARY KEY, stream TEXT, type TEXT, data TEXT)');
    const insert = db.prepare('INSERT INTO raw VALUES (?, ?, ?, ?)');
    let pending: { worker: number; done: () => void }[] = [];
    const flush = () => {
      const batch = pending;
      pending = [];
      db.exec('BEGIN');
      for (const { worker } of batch) {
        insert.run(
          randomUUID(),
          `w${worker}`,
          'consent-granted',
          JSON.stringify(payload(worker, 0)),
        );
      }
      db.exec('COMMIT');
      batch.forEach((p) => p.done());
    };
    return Promise.resolve({
      append: (worker) =>
        new Promise<void>((done) => {
          if (pending.length === 0) setImmediate(flush);
          pending.push({ worker, done });
        }),
      close: async () => {
        db.close();
        await remove();
      },
    });
  },
};

export const PG_URL = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function withFreshSchema(): { schema: string; drop: () => Promise<void> } {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const drop = async () => {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  };
  return { schema, drop };
}

export const postgresOurs: TargetFactory = {
  name: 'consent-ledger postgres',
  database: 'postgres',
  kind: 'ours',
  async open() {
    const { schema, drop } = withFreshSchema();
    return adapterTarget(await openPostgresEventStore({ connectionString: PG_URL, schema }), drop);
  },
};

/** A plain INSERT per append (autocommit), one connection per writer: no batching. */
export const postgresRaw: TargetFactory = {
  name: 'raw postgres INSERT per append',
  database: 'postgres',
  kind: 'raw',
  async open(workers) {
    const { schema, drop } = withFreshSchema();
    const pool = new Pool({ connectionString: PG_URL, max: Math.min(workers, 64) });
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(
      `CREATE TABLE ${schema}.raw (position bigserial PRIMARY KEY, id uuid UNIQUE, stream text, type text, data text)`,
    );
    const sql = `INSERT INTO ${schema}.raw (id, stream, type, data) VALUES ($1, $2, $3, $4)`;
    return {
      append: async (worker) => {
        await pool.query(sql, [
          randomUUID(),
          `w${worker}`,
          'consent-granted',
          JSON.stringify(payload(worker, 0)),
        ]);
      },
      close: async () => {
        await pool.end();
        await drop();
      },
    };
  },
};

/**
 * The limit on PostgreSQL with batching: appends made in the same event-loop turn go into
 * one multi-row INSERT (one autocommit statement, one round trip, one WAL flush) while the
 * previous batch is in flight — group commit without revision checks, ids or a feed lock.
 */
export const postgresRawBatched: TargetFactory = {
  name: 'raw postgres batched INSERT',
  database: 'postgres',
  kind: 'raw',
  async open() {
    const { schema, drop } = withFreshSchema();
    const pool = new Pool({ connectionString: PG_URL, max: 2 });
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(
      `CREATE TABLE ${schema}.raw (position bigserial PRIMARY KEY, id uuid UNIQUE, stream text, type text, data text)`,
    );
    const sql =
      `INSERT INTO ${schema}.raw (id, stream, type, data) ` +
      'SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])';
    let pending: { worker: number; done: (error?: Error) => void }[] = [];
    // Two batches in flight at most, as the adapter's group commit allows two groups.
    let inFlight = 0;
    const flush = async (): Promise<void> => {
      if (inFlight >= 2 || pending.length === 0) return;
      const batch = pending;
      pending = [];
      inFlight += 1;
      try {
        await pool.query(sql, [
          batch.map(() => randomUUID()),
          batch.map((p) => `w${p.worker}`),
          batch.map(() => 'consent-granted'),
          batch.map((p) => JSON.stringify(payload(p.worker, 0))),
        ]);
        batch.forEach((p) => p.done());
      } catch (error) {
        batch.forEach((p) => p.done(error as Error));
      } finally {
        inFlight -= 1;
        setImmediate(() => void flush());
      }
    };
    return {
      append: (worker) =>
        new Promise<void>((resolve, reject) => {
          if (pending.length === 0) setImmediate(() => void flush());
          pending.push({ worker, done: (error) => (error ? reject(error) : resolve()) });
        }),
      close: async () => {
        await pool.end();
        await drop();
      },
    };
  },
};

export async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export function kurrentDbOurs(url: string): TargetFactory {
  return {
    name: 'consent-ledger kurrentdb',
    database: 'kurrentdb',
    kind: 'ours',
    async open() {
      // Required lazily: the gRPC client is loaded only when a KurrentDB is configured.
      const kurrent = loadKurrentAdapter();
      return adapterTarget(await kurrent.openKurrentDbEventStore({ connectionString: url }), () =>
        Promise.resolve(),
      );
    },
  };
}

type KurrentModule = typeof import('../../src/event-store/kurrentdb/kurrentdb-event-store');

function loadKurrentAdapter(): KurrentModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../src/event-store/kurrentdb/kurrentdb-event-store') as KurrentModule;
}

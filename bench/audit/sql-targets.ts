import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { openReadStore } from '../../src/read-store/open-read-store';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';

export const PG_URL = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A read store with the audit log's tables, and how to get rid of it. */
export interface AuditTarget {
  readonly store: ReadStore;
  /** Where the tables are, for bulk loading behind the store's back. */
  readonly location: { readonly sqlitePath: string } | { readonly postgresSchema: string };
  dispose(): Promise<void>;
}

/** A fresh SQLite read-store file (synchronous=FULL, as the service runs it) in `dir`. */
export async function sqliteTarget(dir: string): Promise<AuditTarget> {
  const sqlitePath = join(dir, `audit-${randomBytes(4).toString('hex')}.sqlite`);
  const store = await openReadStore(`sqlite:${sqlitePath}`);
  await createTables(store);
  return { store, location: { sqlitePath }, dispose: () => store.close() };
}

/** A fresh schema on the PostgreSQL server, dropped afterwards. */
export async function postgresTarget(): Promise<AuditTarget> {
  const schema = `bench_audit_${randomBytes(6).toString('hex')}`;
  const store = await openReadStore(`${PG_URL}?schema=${schema}`);
  await createTables(store);
  return {
    store,
    location: { postgresSchema: schema },
    dispose: async () => {
      await store.close();
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createTables(store: ReadStore): Promise<void> {
  await store.transaction((tx) => new AuditLogProjection().setup(tx));
}

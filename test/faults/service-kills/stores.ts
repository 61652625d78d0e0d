import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { openPostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store';
import { openSqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import type { StoreUnderTest } from './service-kill-run';

/** The default: every store a SQLite file in DATA_DIR. */
export function sqliteStore(): StoreUnderTest {
  return {
    name: 'sqlite',
    env: () => ({}),
    rebuiltEnv: (dataDir) => ({ READ_STORE_URL: join(dataDir, 'rebuilt-read.sqlite') }),
    openEventStore: (dataDir) => openSqliteEventStore({ path: join(dataDir, 'events.sqlite') }),
    cleanUp: async () => {},
  };
}

/**
 * The shared PostgreSQL server (PG_TEST_URL, default 127.0.0.1:5432/test), in schemas of
 * their own with a random suffix, dropped afterwards.
 */
export function postgresStore(
  url = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
): StoreUnderTest {
  const schema = `faults_kills_${randomBytes(6).toString('hex')}`;
  const schemas = [schema, `${schema}_read`, `${schema}_keys`, `${schema}_rebuilt`];
  return {
    name: 'postgres',
    env: () => ({
      EVENT_STORE_URL: `${url}?schema=${schema}`,
      READ_STORE_URL: `${url}?schema=${schema}_read`,
      KEY_STORE_URL: `${url}?schema=${schema}_keys`,
    }),
    rebuiltEnv: () => ({
      EVENT_STORE_URL: `${url}?schema=${schema}`,
      READ_STORE_URL: `${url}?schema=${schema}_rebuilt`,
      KEY_STORE_URL: `${url}?schema=${schema}_keys`,
    }),
    openEventStore: () => openPostgresEventStore({ connectionString: url, schema }),
    cleanUp: async () => {
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        for (const name of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

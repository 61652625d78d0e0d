import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { isConnectionLoss } from '../../src/postgres/connection-loss';
import { PostgresConnections } from '../../src/postgres/connection-watch';
import { WatchedPool } from '../../src/postgres/watched-pool';

/**
 * The defect of issue #13 in miniature, on the shared server: the backend of a client that
 * is checked out of the pool is terminated while the caller holds it. A plain pg-pool client
 * then emits 'error' with no listener and the process ends; a WatchedPool client only fails
 * its next query, is dropped, and the pool serves a fresh connection. (Jest fails the test
 * on any uncaught exception.)
 */
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function terminate(pid: number): Promise<void> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

describe('WatchedPool', () => {
  it('survives the death of a checked-out connection, counts it, and serves a fresh one', async () => {
    const connections = new PostgresConnections();
    const pool = new WatchedPool(
      'read_store',
      { connectionString: PG_URL, max: 2 },
      () => undefined,
      connections,
    );
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(rows[0]!.pid);
      // The socket closes while the caller still holds the client: the moment of the crash.
      await sleep(200);
      const failure = await client.query('SELECT 1').catch((error: unknown) => error);
      expect(isConnectionLoss(failure)).toBe(true);
      client.release();

      const fresh = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(fresh.rows).toEqual([{ one: 1 }]);
      expect(connections.statuses()).toEqual([
        { component: 'read_store', up: true, losses: 1, connectFailures: 0 },
      ]);
    } finally {
      await pool.end();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { PostgresNotificationListener } from '../../src/event-store/postgres/postgres-notification-listener';
import { PostgresConnections } from '../../src/postgres/connection-watch';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('PostgresNotificationListener', () => {
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: PG_URL });
    await admin.connect();
  });

  afterAll(() => admin.end());

  it('wakes on NOTIFY from another session, and again after its connection was killed', async () => {
    const app = `cl-listener-${randomBytes(4).toString('hex')}`;
    const channel = `listener_${randomBytes(4).toString('hex')}`;
    let wakes = 0;
    const connections = new PostgresConnections();
    const watch = connections.watch('event_store_listener');
    const listener = new PostgresNotificationListener(
      { connectionString: PG_URL, application_name: app },
      channel,
      () => (wakes += 1),
      watch,
      { minMs: 10, maxMs: 100 },
    );
    try {
      // One wake on connecting: appends may have happened while nobody listened.
      await waitUntil(() => wakes === 1);
      await admin.query(`SELECT pg_notify($1, '')`, [channel]);
      await waitUntil(() => wakes === 2);

      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [app],
      );
      await waitUntil(() => wakes === 3);
      await admin.query(`SELECT pg_notify($1, '')`, [channel]);
      await waitUntil(() => wakes === 4);
      expect(connections.statuses()).toEqual([
        { component: 'event_store_listener', up: true, losses: 1, connectFailures: 0 },
      ]);
    } finally {
      await listener.close();
    }
    // close() ended the dedicated connection: the server lets go of it shortly after.
    let remaining = -1;
    const deadline = Date.now() + 2_000;
    while (remaining !== 0 && Date.now() < deadline) {
      const { rows } = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1`,
        [app],
      );
      remaining = rows.length;
      if (remaining !== 0) await sleep(20);
    }
    expect(remaining).toBe(0);
  });
});

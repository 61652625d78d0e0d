import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.errors';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { PostgresNotificationListener } from '../../src/event-store/postgres/postgres-notification-listener';
import { PostgresConnections } from '../../src/postgres/connection-watch';
import {
  privatePostgresUnavailable,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres';

/**
 * The LISTEN connection across a server crash and a stop: it reconnects by itself, and wakes
 * its subscribers once it listens again, since appends announced while nobody listened are
 * lost with their NOTIFY; subscribers then read the feed and miss nothing.
 */
const unavailable = privatePostgresUnavailable();
const suite = unavailable ? describe.skip : describe;

suite(
  `the LISTEN connection when PostgreSQL restarts${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let server: PrivatePostgres;

    beforeAll(async () => {
      server = await startPrivatePostgres();
    }, 60_000);

    afterAll(() => server?.destroy());

    it('reconnects after a crash, wakes its subscribers without any NOTIFY, and hears NOTIFY again', async () => {
      const channel = `listener_${randomBytes(4).toString('hex')}`;
      const connections = new PostgresConnections();
      let wakes = 0;
      const listener = new PostgresNotificationListener(
        { connectionString: server.url },
        channel,
        () => (wakes += 1),
        connections.watch('event_store_listener'),
        { minMs: 20, maxMs: 200 },
      );
      try {
        await waitFor(() => wakes === 1);
        server.restart('immediate');
        // The wake that says "read the feed: you may have missed announcements".
        await waitFor(() => wakes === 2);
        expect(connections.statuses()).toMatchObject([
          { component: 'event_store_listener', up: true, losses: 1 },
        ]);
        await notify(server.url, channel);
        await waitFor(() => wakes === 3);
      } finally {
        await listener.close();
      }
    });

    it('delivers to a subscription every event appended while the server was stopped and right after', async () => {
      const url = `${server.url}?schema=listen_${randomBytes(4).toString('hex')}`;
      const subscriber = await openPostgresEventStore({ connectionString: url });
      const writer = await openPostgresEventStore({ connectionString: url });
      const delivered: RecordedEvent[] = [];
      const subscription = subscriber.subscribe((event) => void delivered.push(event));
      try {
        const stream = `listen-${randomUUID()}`;
        await appendUntilAcknowledged(writer, stream, 'no_stream');
        await waitFor(() => delivered.length === 1);

        server.stop('immediate');
        const failed = await writer
          .append(stream, [{ id: randomUUID(), type: 'lost', data: {} }], 0)
          .catch((error: unknown) => error);
        expect(failed).toBeInstanceOf(EventStoreUnavailableError);
        server.start();
        await appendUntilAcknowledged(writer, stream, 0);
        await appendUntilAcknowledged(writer, stream, 1);

        await waitFor(() => delivered.length === 3);
        expect(delivered.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
      } finally {
        await subscription.close();
        await Promise.all([subscriber.close(), writer.close()]);
      }
    });
  },
);

async function appendUntilAcknowledged(
  store: EventStore,
  stream: string,
  expected: number | 'no_stream',
): Promise<void> {
  const events = [{ id: randomUUID(), type: 'probe', data: {} }];
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await store.append(stream, events, expected);
      return;
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError) || Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

async function notify(url: string, channel: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_notify($1, $2)', [channel, '']);
  } finally {
    await client.end();
  }
}

/** A bound of 30 s only turns a hang into a failure. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 30 s');
    await sleep(20);
  }
}

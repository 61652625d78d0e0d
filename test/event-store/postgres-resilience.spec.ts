import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { EventStoreUnavailableError } from '../../src/event-store/event-store.errors';
import type {
  EventStore,
  EventToAppend,
  RecordedEvent,
} from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Kills every backend of one application (and only that one) from a separate session. */
function terminateBackends(applicationName: string): Promise<number> {
  return withAdmin(async (admin) => {
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [applicationName],
    );
    return rowCount ?? 0;
  });
}

function listenerIsConnected(applicationName: string): Promise<boolean> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`,
      [applicationName],
    );
    return rows.length > 0;
  });
}

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

function urlFor(applicationName: string): string {
  const url = new URL(PG_URL);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

describe('PostgreSQL store when connections die', () => {
  const schema = `resilience_${randomBytes(6).toString('hex')}`;
  const opened: EventStore[] = [];
  const open = async (connectionString: string, s = schema): Promise<EventStore> => {
    const store = await openPostgresEventStore({ connectionString, schema: s });
    opened.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  afterAll(async () => {
    await withAdmin((admin) => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('keeps delivering to a subscription and loses no append while all its connections are killed', async () => {
    const app = `cl-resilience-${randomBytes(4).toString('hex')}`;
    const store = await open(urlFor(app));
    const delivered: RecordedEvent[] = [];
    const sub = store.subscribe((e) => void delivered.push(e));
    await waitUntil(() => listenerIsConnected(app));

    const acknowledged = new Set<string>();
    // Every append is retried with the same ids until acknowledged; a failure that is not
    // EventStoreUnavailableError fails the test. An append that landed although its answer
    // was lost comes back as the original result, so nothing is stored twice.
    const appendUntilAcknowledged = async (
      stream: string,
      events: EventToAppend[],
      expected: number | 'no_stream',
    ): Promise<number> => {
      for (;;) {
        try {
          const result = await store.append(stream, events, expected);
          events.forEach((e) => acknowledged.add(e.id));
          return result.nextExpectedRevision;
        } catch (error) {
          if (!(error instanceof EventStoreUnavailableError)) throw error;
          await sleep(20);
        }
      }
    };
    const writers = Array.from({ length: 8 }, async () => {
      const stream = `res-${randomUUID()}`;
      let revision: number | 'no_stream' = 'no_stream';
      for (let i = 0; i < 20; i++) {
        const events = [{ id: randomUUID(), type: 'probe', data: { i } }];
        revision = await appendUntilAcknowledged(stream, events, revision);
        await sleep(Math.random() * 5);
      }
    });
    let kills = 0;
    const killer = (async () => {
      for (let round = 0; round < 4; round++) {
        await sleep(40 + Math.random() * 40);
        kills += await terminateBackends(app);
      }
    })();
    await Promise.all([...writers, killer]);

    expect(kills).toBeGreaterThan(0);
    await waitUntil(() => delivered.length >= acknowledged.size);
    await sub.close();

    const feed = await store.readAll();
    expect(new Set(feed.map((e) => e.id))).toEqual(acknowledged);
    expect(delivered.map((e) => e.id)).toEqual(feed.map((e) => e.id));
    // The listener came back too, so other processes' appends still wake us promptly.
    await waitUntil(() => listenerIsConnected(app));
  });

  it('resumes a subscription from its last position once the database is back', async () => {
    const app = `cl-resilience-${randomBytes(4).toString('hex')}`;
    const store = await open(urlFor(app));
    const writer = await open(PG_URL);
    const stream = `resume-${randomUUID()}`;
    const delivered: string[] = [];
    const sub = store.subscribe((e) => {
      if (e.streamName === stream) delivered.push(e.type);
    });
    await writer.append(stream, [{ id: randomUUID(), type: 'before', data: {} }], 'no_stream');
    await waitUntil(() => delivered.length === 1);

    await terminateBackends(app);
    // Written by another "process" while the subscriber's connections are gone.
    await writer.append(stream, [{ id: randomUUID(), type: 'during', data: {} }], 0);
    await terminateBackends(app);
    await writer.append(stream, [{ id: randomUUID(), type: 'after', data: {} }], 1);

    await waitUntil(() => delivered.length === 3);
    await sub.close();
    expect(delivered).toEqual(['before', 'during', 'after']);
  });

  it('reports an unreachable server as EventStoreUnavailableError', async () => {
    const error = await openPostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      schema,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('lets several processes migrate one fresh schema at the same time', async () => {
    const fresh = `migrate_${randomBytes(6).toString('hex')}`;
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => open(PG_URL, fresh)));
      const applied = await withAdmin((admin) =>
        admin.query<{ version: number }>(`SELECT version FROM "${fresh}".schema_migrations`),
      );
      expect(applied.rows.map((r) => r.version)).toEqual([1]);

      const stream = `m-${randomUUID()}`;
      await stores[0]!.append(stream, [{ id: randomUUID(), type: 'x', data: {} }], 'no_stream');
      expect(await stores[3]!.readStream(stream)).toHaveLength(1);
    } finally {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await withAdmin((admin) => admin.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`));
    }
  });
});

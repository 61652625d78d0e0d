import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
} from '../../src/event-store/event-store.errors';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('PostgreSQL store: what it stores and how it opens and closes', () => {
  const schema = `storage_${randomBytes(6).toString('hex')}`;
  let admin: Client;
  let store: EventStore;

  beforeAll(async () => {
    admin = new Client({ connectionString: PG_URL });
    await admin.connect();
  });

  beforeEach(async () => {
    store = await openPostgresEventStore({ connectionString: PG_URL, schema });
  });

  afterEach(() => store.close());

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('stores data and metadata as exactly the serialised text, key order and \\u0000 included', async () => {
    const data = { z: 1, a: 'nul \u0000 here', m: { y: [3, 1], b: null } };
    const metadata = { tenant: 't1', causation: 'c' };
    const id = randomUUID();
    await store.append(`raw-${randomUUID()}`, [{ id, type: 't', data, metadata }], 'no_stream');
    const { rows } = await admin.query<{ data: string; metadata: string; type: string }>(
      `SELECT data, metadata, pg_typeof(data)::text AS type FROM "${schema}".events WHERE event_id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({
      data: JSON.stringify(data),
      metadata: JSON.stringify(metadata),
      type: 'text',
    });
  });

  it('reads a long stream in numeric revision order', async () => {
    const stream = `long-${randomUUID()}`;
    const events = Array.from({ length: 25 }, (_, i) => ({
      id: randomUUID(),
      type: `e${i}`,
      data: {},
    }));
    await store.append(stream, events.slice(0, 12), 'no_stream');
    await store.append(stream, events.slice(12), 11);
    const read = await store.readStream(stream, { fromRevision: 8 });
    expect(read.map((e) => e.streamRevision)).toEqual(Array.from({ length: 17 }, (_, i) => i + 8));
    expect(read.map((e) => e.type)).toEqual(events.slice(8).map((e) => e.type));
  });

  it('answers a retry after the stream moved on with the original result', async () => {
    const stream = `retry-${randomUUID()}`;
    const batch = [
      { id: randomUUID(), type: 'a', data: {} },
      { id: randomUUID(), type: 'b', data: {} },
    ];
    const first = await store.append(stream, batch, 'no_stream');
    await store.append(stream, [{ id: randomUUID(), type: 'c', data: {} }], 1);
    await expect(store.append(stream, batch, 'no_stream')).resolves.toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('resolves the same ids racing into two streams to one winner and a DuplicateEventIdError', async () => {
    const batch = [{ id: randomUUID(), type: 't', data: {} }];
    const results = await Promise.allSettled([
      store.append(`dup-a-${randomUUID()}`, batch, 'no_stream'),
      store.append(`dup-b-${randomUUID()}`, batch, 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
  });

  it('turns the unique violation of two processes racing with the same ids into DuplicateEventIdError', async () => {
    // Both read the state before either inserts: the pause after the insert keeps the first
    // transaction open, so the second collides on the event id index when it commits.
    const raced = `storage_race_${randomBytes(6).toString('hex')}`;
    const [a, b] = await Promise.all([
      openPostgresEventStore({ connectionString: PG_URL, schema: raced }),
      openPostgresEventStore({ connectionString: PG_URL, schema: raced }),
    ]);
    try {
      await admin.query(`
        CREATE FUNCTION "${raced}".pause() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END $$;
        CREATE TRIGGER pause AFTER INSERT ON "${raced}".events
          FOR EACH STATEMENT EXECUTE FUNCTION "${raced}".pause();`);
      const batch = [{ id: randomUUID(), type: 't', data: {} }];
      const results = await Promise.allSettled([
        a.append(`dup-a-${randomUUID()}`, batch, 'no_stream'),
        b.append(`dup-b-${randomUUID()}`, batch, 'no_stream'),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(DuplicateEventIdError);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await admin.query(`DROP SCHEMA "${raced}" CASCADE`);
    }
  });

  it('lets appends that were already under way finish on close, and refuses new ones', async () => {
    const streams = Array.from({ length: 5 }, () => `close-${randomUUID()}`);
    const pending = streams.map((s) =>
      store.append(s, [{ id: randomUUID(), type: 't', data: {} }], 'no_stream'),
    );
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(5);
    await expect(
      store.append(streams[0]!, [{ id: randomUUID(), type: 't', data: {} }], 'any'),
    ).rejects.toBeInstanceOf(EventStoreUnavailableError);
    const { rows } = await admin.query(
      `SELECT 1 FROM "${schema}".events WHERE stream_name = ANY($1)`,
      [streams],
    );
    expect(rows).toHaveLength(5);
  });

  it('refuses a schema name it cannot use safely', async () => {
    await expect(
      openPostgresEventStore({ connectionString: PG_URL, schema: 'Robert"; DROP TABLE x; --' }),
    ).rejects.toThrow(/schema name/);
  });
});

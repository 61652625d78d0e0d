import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Follows a feed the way a projector does (read after the last position seen) and records
 * any moment it sees a position that is not beyond everything it saw before. Comparing what
 * it saw with the final feed also reveals an event that appeared *behind* the reader later.
 */
class FeedFollower {
  readonly seen: { position: bigint; id: string }[] = [];
  readonly wentBackwards: string[] = [];
  private last: GlobalPosition = 0n;

  async pollOnce(readAfter: (after: bigint) => Promise<{ position: bigint; id: string }[]>) {
    for (const event of await readAfter(this.last)) {
      if (event.position <= this.last) {
        this.wentBackwards.push(`${event.position} after ${this.last}`);
      }
      this.last = event.position > this.last ? event.position : this.last;
      this.seen.push(event);
    }
  }
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL global order under contention', () => {
  const schema = `order_${randomBytes(6).toString('hex')}`;
  const stores: EventStore[] = [];

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await withAdmin((admin) => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('32 appenders in 4 processes, pausing inside their transactions: a reader never sees the feed filled in behind it', async () => {
    // Four stores stand for four replicas: each has its own pool and its own group commit.
    for (let i = 0; i < 5; i++) {
      stores.push(await openPostgresEventStore({ connectionString: PG_URL, schema, poolSize: 4 }));
    }
    const [reader, ...writers] = stores as [EventStore, ...EventStore[]];
    // A random pause after the insert, before COMMIT: exactly where a sequence-based feed
    // would let a later position become visible before an earlier one.
    await withAdmin((admin) =>
      admin.query(`
        CREATE FUNCTION "${schema}".pause_randomly() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NULL; END $$;
        CREATE TRIGGER pause_randomly AFTER INSERT ON "${schema}".events
          FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".pause_randomly();`),
    );

    const follower = new FeedFollower();
    let writing = true;
    const following = (async () => {
      while (writing) {
        await follower.pollOnce(async (after) =>
          (await reader.readAll({ after, maxCount: 1000 })).map((e) => ({
            position: e.globalPosition,
            id: e.id,
          })),
        );
      }
    })();

    const appendsPerWriter = 12;
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        const store = writers[w % writers.length]!;
        const stream = `order-${randomUUID()}`;
        let revision: number | 'no_stream' = 'no_stream';
        for (let i = 0; i < appendsPerWriter; i++) {
          await sleep(Math.random() * 3);
          const size = 1 + Math.floor(Math.random() * 3);
          const events = Array.from({ length: size }, () => ({
            id: randomUUID(),
            type: 'probe',
            data: { w, i },
          }));
          revision = (await store.append(stream, events, revision)).nextExpectedRevision;
        }
      }),
    );
    writing = false;
    await following;
    await follower.pollOnce(async (after) =>
      (await reader.readAll({ after })).map((e) => ({ position: e.globalPosition, id: e.id })),
    );

    const feed = await reader.readAll();
    expect(follower.wentBackwards).toEqual([]);
    expect(follower.seen.map((e) => e.id)).toEqual(feed.map((e) => e.id));
    // Contiguous: 1, 2, 3 … with nothing skipped, so a Merkle leaf index can follow it.
    expect(feed.map((e) => e.globalPosition)).toEqual(feed.map((_, i) => BigInt(i + 1)));
    for (let i = 1; i < feed.length; i++) {
      expect(feed[i]!.recordedAt.getTime()).toBeGreaterThanOrEqual(
        feed[i - 1]!.recordedAt.getTime(),
      );
    }
    expect(await reader.headPosition()).toBe(BigInt(feed.length));
  });

  it('the follower does catch a feed that is filled in behind it (a plain sequence)', async () => {
    // Control: the same check against the naive design must fail, or it proves nothing.
    const table = `"${schema}".naive_feed`;
    await withAdmin((admin) =>
      admin.query(`CREATE TABLE ${table} (position bigserial PRIMARY KEY, id text NOT NULL)`),
    );
    const slow = new Client({ connectionString: PG_URL });
    const fast = new Client({ connectionString: PG_URL });
    await Promise.all([slow.connect(), fast.connect()]);
    try {
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO ${table} (id) VALUES ('slow')`);
      await fast.query(`INSERT INTO ${table} (id) VALUES ('fast')`);

      const follower = new FeedFollower();
      const read = (after: bigint) =>
        withAdmin(async (admin) => {
          const { rows } = await admin.query<{ position: string; id: string }>(
            `SELECT position::text, id FROM ${table} WHERE position > $1 ORDER BY position`,
            [after.toString()],
          );
          return rows.map((r) => ({ position: BigInt(r.position), id: r.id }));
        });
      await follower.pollOnce(read);
      await slow.query('COMMIT');
      await follower.pollOnce(read);
      const final = await read(0n);

      expect(follower.seen.map((e) => e.id)).toEqual(['fast']);
      expect(final.map((e) => e.id)).toEqual(['slow', 'fast']);
    } finally {
      await Promise.all([slow.end(), fast.end()]);
    }
  });
});

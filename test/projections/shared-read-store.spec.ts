import { Projector } from '../../src/projections/projector';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { asNumber } from '../../src/read-store/sql-value';
import { CountingProjection } from './fixtures/counting.projection';
import {
  DIALECTS,
  appendEvents,
  createStores,
  waitUntil,
  type StoreHarness,
} from './fixtures/stores';

const FAST = { batchSize: 50, idlePollMs: 50, followerPollMs: 20 };

/** Two replicas, each with its own connection to one read store, as in a scaled-out service. */
describe.each(DIALECTS)('two projectors sharing one %s read store', (dialect) => {
  let stores: StoreHarness;
  let replicas: Projector[];

  function replica(readStore: ReadStore, version = 1): Projector {
    return new Projector({
      eventStore: stores.eventStore,
      readStore,
      projections: [new CountingProjection({ version })],
      settings: FAST,
    });
  }

  beforeEach(async () => {
    stores = await createStores(dialect);
    replicas = [replica(stores.readStore), replica(await stores.openReadStore())];
  });

  afterEach(async () => {
    for (const p of replicas) await p.stop();
    await stores.destroy();
  });

  it('apply every event exactly once between them', async () => {
    const head = await appendEvents(stores.eventStore, 1000);
    await Promise.all(replicas.map((p) => p.start()));
    for (const p of replicas) expect(await p.waitForPosition(head, 20_000)).toBe(true);
    const more = await appendEvents(stores.eventStore, 50, 5);
    expect(more).toBe(head + 50n);
    for (const p of replicas) expect(await p.waitForPosition(more, 10_000)).toBe(true);

    const [row] = await stores.readStore.query(
      'SELECT (SELECT count(*) FROM counting_events) AS events, (SELECT sum(count) FROM counting_per_type) AS counted',
    );
    expect(asNumber(row!.events)).toBe(1050);
    expect(asNumber(row!.counted)).toBe(1050);
    for (const p of replicas) expect(p.states()[0]!.state).not.toBe('failed');
  });

  if (dialect === 'postgres') {
    it('lets one replica write while the other follows, and hands over when it stops', async () => {
      const [leader, follower] = replicas as [Projector, Projector];
      const head = await appendEvents(stores.eventStore, 200);
      await leader.start();
      await follower.start();
      expect(leader.states()[0]!.state).toBe('running');
      expect(follower.states()[0]!.state).toBe('following');
      // The follower learns the position from the store, so read-your-writes works on it too.
      expect(await follower.waitForPosition(head, 10_000)).toBe(true);

      await leader.stop();
      await waitUntil(() => follower.states()[0]!.state === 'running');
      const more = await appendEvents(stores.eventStore, 30, 3);
      expect(await follower.waitForPosition(more, 10_000)).toBe(true);
      expect((await follower.statuses())[0]).toMatchObject({ lagEvents: 0, caughtUp: true });
    });

    it('lets a new version take over at once during a rolling deployment', async () => {
      const [old] = replicas as [Projector];
      const head = await appendEvents(stores.eventStore, 300);
      await old.start();
      expect(await old.waitForPosition(head, 10_000)).toBe(true);

      const upgraded = replica(await stores.openReadStore(), 2);
      replicas.push(upgraded);
      await upgraded.start();
      expect(upgraded.states()[0]!.state).toBe('running');
      expect(await upgraded.waitForPosition(head, 10_000)).toBe(true);
      // The old writer notices when it next looks at its checkpoint, and steps aside.
      await waitUntil(() => old.states()[0]!.state === 'superseded');

      const rows = await stores.readStore.query('SELECT DISTINCT type FROM counting_events');
      expect(rows.every((row) => String(row.type) === String(row.type).toUpperCase())).toBe(true);
      const [count] = await stores.readStore.query('SELECT count(*) AS n FROM counting_events');
      expect(asNumber(count!.n)).toBe(300);
    });
  }
});

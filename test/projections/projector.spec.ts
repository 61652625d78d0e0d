import { Registry } from 'prom-client';
import {
  ProjectionFailedError,
  UnknownProjectionError,
} from '../../src/projections/projection.errors';
import { Projector, type ProjectorOptions } from '../../src/projections/projector';
import type { ProjectorLogEntry } from '../../src/projections/projector-logger';
import { readCheckpoint } from '../../src/projections/checkpoints';
import { asBigInt, asNumber } from '../../src/read-store/sql-value';
import {
  expectedPerTypeCounts,
  FAST_PROJECTOR_SETTINGS,
  perTypeCounts,
} from './fixtures/counting-expectations';
import { CountingProjection } from './fixtures/counting.projection';
import {
  DIALECTS,
  appendEvents,
  countingTables,
  createStores,
  dumpTables,
  waitUntil,
  type StoreHarness,
} from './fixtures/stores';

const FAST = FAST_PROJECTOR_SETTINGS;

describe.each(DIALECTS)('projector on a %s read store', (dialect) => {
  let stores: StoreHarness;
  const projectors: Projector[] = [];

  function projector(
    options: Partial<ProjectorOptions> & Pick<ProjectorOptions, 'projections'>,
  ): Projector {
    const created = new Projector({
      eventStore: stores.eventStore,
      readStore: stores.readStore,
      settings: FAST,
      ...options,
    });
    projectors.push(created);
    return created;
  }

  const perType = (name?: string) => perTypeCounts(stores.readStore, name);
  const expectedPerType = (total: number, upper = false) =>
    expectedPerTypeCounts(stores.eventStore, total, upper);

  beforeEach(async () => {
    stores = await createStores(dialect);
  });

  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await stores.destroy();
  });

  it('commits the read model and its checkpoint together while catching up', async () => {
    const head = await appendEvents(stores.eventStore, 1000);
    const p = projector({ projections: [new CountingProjection()] });
    const observed: { rows: number; position: bigint }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        // One statement reads one snapshot on both dialects.
        const rows = await stores.readStore
          .query(
            `SELECT (SELECT count(*) FROM counting_events) AS rows,
                    (SELECT position FROM projection_checkpoints WHERE name = 'counting') AS position`,
          )
          .catch(() => []);
        const row = rows[0];
        if (row?.position != null) {
          observed.push({ rows: asNumber(row.rows), position: asBigInt(row.position) });
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    await p.start();
    expect(await p.waitForPosition(head, 20_000)).toBe(true);
    sampling = false;
    await sampler;

    // Both test stores number events 1, 2, 3…: rows applied must equal the checkpoint.
    expect(observed.length).toBeGreaterThan(0);
    for (const sample of observed) expect(BigInt(sample.rows)).toBe(sample.position);
    expect(await perType()).toEqual(await expectedPerType(1000));
    expect(await readCheckpoint(stores.readStore, 'counting')).toEqual({
      version: 1,
      position: head,
    });
  });

  it('follows the feed live after catching up', async () => {
    await appendEvents(stores.eventStore, 10);
    const p = projector({ projections: [new CountingProjection()] });
    await p.start();
    const head = await appendEvents(stores.eventStore, 7, 1);
    expect(await p.waitForPosition(head, 5_000)).toBe(true);
    expect(await perType()).toEqual(await expectedPerType(17));
  });

  it('stops a projection whose apply throws, reports it, and keeps the others running', async () => {
    const head = await appendEvents(stores.eventStore, 120);
    const logs: ProjectorLogEntry[] = [];
    const failing = new CountingProjection({ name: 'failing', alwaysThrowOn: 'flow-recorded' });
    const p = projector({
      projections: [failing, new CountingProjection()],
      log: (entry) => logs.push(entry),
    });
    await p.start();
    expect(await p.waitForPosition(head, 10_000, ['counting'])).toBe(true);
    await waitUntil(() => p.states().some((s) => s.state === 'failed'));

    const state = p.states().find((s) => s.name === 'failing')!;
    expect(state.failure).toBeInstanceOf(ProjectionFailedError);
    // The third event is the first flow-recorded one; its whole batch was rolled back.
    expect(state.failure).toMatchObject({ position: '3', eventType: 'flow-recorded' });
    expect(state.position).toBe(0n);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        projection: 'failing',
        position: '3',
        eventType: 'flow-recorded',
      }),
    );
    expect(await perType('failing')).toEqual({});
    expect(await p.waitForPosition(head, 100)).toBe(false);
    const statuses = await p.statuses();
    expect(statuses.find((s) => s.name === 'failing')).toMatchObject({
      position: '0',
      lagEvents: 120,
      caughtUp: false,
      halted: true,
    });
    expect(statuses.find((s) => s.name === 'counting')).toMatchObject({
      lagEvents: 0,
      caughtUp: true,
    });
  });

  it('after a failure mid-batch, a restart yields the same rows as a clean run', async () => {
    const head = await appendEvents(stores.eventStore, 300);
    // Batches of 50: the 75th event fails halfway through the second batch.
    const first = projector({ projections: [new CountingProjection({ throwOnceAt: 75 })] });
    await first.start();
    await waitUntil(() => first.states()[0]!.state === 'failed');
    expect(first.states()[0]!.position).toBe(50n);
    expect(
      asNumber((await stores.readStore.query('SELECT count(*) AS n FROM counting_events'))[0]!.n),
    ).toBe(50);
    await first.stop();

    const restarted = projector({ projections: [new CountingProjection()] });
    await restarted.start();
    expect(await restarted.waitForPosition(head, 10_000)).toBe(true);
    const recovered = await dumpTables(stores.readStore, countingTables());
    await restarted.stop();

    const clean = projector({ projections: [new CountingProjection()] });
    await clean.rebuild('counting');
    expect(await dumpTables(stores.readStore, countingTables())).toBe(recovered);
    expect(await perType()).toEqual(await expectedPerType(300));
  });

  it('rebuild drops, replays and gives byte-identical rows, then goes on live', async () => {
    await appendEvents(stores.eventStore, 200);
    const p = projector({
      projections: [new CountingProjection(), new CountingProjection({ name: 'other' })],
    });
    await p.start();
    let head = await appendEvents(stores.eventStore, 40, 3);
    expect(await p.waitForPosition(head, 10_000)).toBe(true);
    const live = await dumpTables(stores.readStore, countingTables());
    const other = await dumpTables(stores.readStore, countingTables('other'));

    await p.rebuild('counting');
    expect(p.states().find((s) => s.name === 'counting')!.position).toBe(head);
    expect(await dumpTables(stores.readStore, countingTables())).toBe(live);
    expect(await dumpTables(stores.readStore, countingTables('other'))).toBe(other);

    head = await appendEvents(stores.eventStore, 5);
    expect(await p.waitForPosition(head, 5_000)).toBe(true);
    expect(await perType()).toEqual(await expectedPerType(245));
  });

  it('rebuild reports the event that fails, and refuses an unknown projection', async () => {
    await appendEvents(stores.eventStore, 20);
    const p = projector({
      projections: [new CountingProjection({ alwaysThrowOn: 'consent-withdrawn' })],
    });
    const error = await p.rebuild('counting').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(error).toMatchObject({ position: '2', eventType: 'consent-withdrawn' });
    expect(p.states()[0]).toMatchObject({ state: 'failed', position: 0n });
    await expect(p.rebuild('nope')).rejects.toBeInstanceOf(UnknownProjectionError);
  });

  it('rebuilds automatically when the projection version goes up, and leaves a newer version alone', async () => {
    const head = await appendEvents(stores.eventStore, 90);
    const v1 = projector({ projections: [new CountingProjection({ version: 1 })] });
    await v1.start();
    expect(await v1.waitForPosition(head, 10_000)).toBe(true);
    await v1.stop();
    expect(await perType()).toEqual(await expectedPerType(90));

    const logs: ProjectorLogEntry[] = [];
    const v2 = projector({
      projections: [new CountingProjection({ version: 2 })],
      log: (entry) => logs.push(entry),
    });
    await v2.start();
    expect(await v2.waitForPosition(head, 10_000)).toBe(true);
    await v2.stop();
    expect(await perType()).toEqual(await expectedPerType(90, true));
    expect(await readCheckpoint(stores.readStore, 'counting')).toEqual({
      version: 2,
      position: head,
    });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'info', projection: 'counting' }));

    const older = projector({ projections: [new CountingProjection({ version: 1 })] });
    await older.start();
    expect(older.states()[0]!.state).toBe('superseded');
    expect((await older.statuses())[0]!.caughtUp).toBe(false);
    expect(await perType()).toEqual(await expectedPerType(90, true));
  });

  it('reports lag in its status and metrics', async () => {
    const registry = new Registry();
    const first = await appendEvents(stores.eventStore, 30);
    const p = projector({ projections: [new CountingProjection()], registry });
    await p.start();
    expect(await p.waitForPosition(first, 5_000)).toBe(true);
    await p.stop();

    const head = await appendEvents(stores.eventStore, 12);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const [status] = await p.statuses();
    expect(status).toMatchObject({
      name: 'counting',
      position: first.toString(),
      lagEvents: 12,
      caughtUp: false,
    });
    expect(status!.lagSeconds).toBeGreaterThanOrEqual(1);
    expect(status!.lagSeconds).toBeLessThan(30);

    const behind = await registry.metrics();
    expect(behind).toContain('projection_lag_events{projection="counting"} 12');
    expect(behind).toContain(`projection_position{projection="counting"} ${first}`);
    expect(behind).toContain('projection_events_applied_total{projection="counting"} 30');
    expect(behind).toMatch(/projection_lag_seconds\{projection="counting"\} [1-9]/);

    await p.start();
    expect(await p.waitForPosition(head, 5_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the scrape cache
    expect(await p.statuses()).toEqual([
      {
        name: 'counting',
        position: head.toString(),
        lagEvents: 0,
        lagSeconds: 0,
        caughtUp: true,
        halted: false,
      },
    ]);
    const caughtUp = await registry.metrics();
    expect(caughtUp).toContain('projection_lag_events{projection="counting"} 0');
    expect(caughtUp).toContain('projection_lag_seconds{projection="counting"} 0');
    expect(caughtUp).toContain('projection_events_applied_total{projection="counting"} 42');
    expect(caughtUp).toContain('projection_failed{projection="counting"} 0');
  });

  it('waitForPosition resolves when the position is reached and false on timeout', async () => {
    const head = await appendEvents(stores.eventStore, 10);
    const p = projector({ projections: [new CountingProjection()] });
    await p.start();
    expect(await p.waitForPosition(head, 5_000)).toBe(true);
    expect(await p.waitForPosition(head + 1n, 100)).toBe(false);

    const waiting = p.waitForPosition(head + 3n, 5_000);
    await appendEvents(stores.eventStore, 3, 1);
    expect(await waiting).toBe(true);
  });

  it('resumes from the stored checkpoint in a new process without applying anything twice', async () => {
    const head = await appendEvents(stores.eventStore, 150);
    const first = projector({ projections: [new CountingProjection()] });
    await first.start();
    expect(await first.waitForPosition(100n, 5_000)).toBe(true);
    await first.stop();

    const readStore = await stores.openReadStore();
    const second = projector({ projections: [new CountingProjection()], readStore });
    await second.start();
    expect(await second.waitForPosition(head, 5_000)).toBe(true);
    expect(await perType()).toEqual(await expectedPerType(150));
  });
});

import { START } from '../../src/event-store/event-store.port';
import { readCheckpoint } from '../../src/projections/checkpoints';
import { ProjectionFailedError } from '../../src/projections/projection.errors';
import { Projector, type ProjectorOptions } from '../../src/projections/projector';
import type { ProjectorLogEntry } from '../../src/projections/projector-logger';
import { asNumber } from '../../src/read-store/sql-value';
import { BulkCountingProjection } from './fixtures/bulk-counting.projection';
import {
  expectedPerTypeCounts,
  FAST_PROJECTOR_SETTINGS,
  perTypeCounts,
} from './fixtures/counting-expectations';
import {
  DIALECTS,
  appendEvents,
  countingTables,
  createStores,
  dumpTables,
  type StoreHarness,
} from './fixtures/stores';

const FAST = { ...FAST_PROJECTOR_SETTINGS, bulkBatchSize: 70 };

const EVENTS = 500;
const LOADS = Math.ceil(EVENTS / FAST.bulkBatchSize);

describe.each(DIALECTS)('bulk builds on a %s read store', (dialect) => {
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

  const perType = () => perTypeCounts(stores.readStore);
  const expectedPerType = () => expectedPerTypeCounts(stores.eventStore);

  beforeEach(async () => {
    stores = await createStores(dialect);
  });

  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await stores.destroy();
  });

  it('builds from the start in bulk, then follows the feed event by event', async () => {
    let head = await appendEvents(stores.eventStore, EVENTS);
    const bulk = new BulkCountingProjection();
    const p = projector({ projections: [bulk] });
    await p.start();
    expect(await p.waitForPosition(head, 20_000)).toBe(true);
    expect({ loads: bulk.loads, finishes: bulk.finishes, applied: bulk.applyCalls }).toEqual({
      loads: LOADS,
      finishes: 2,
      applied: 0,
    });
    expect(await perType()).toEqual(await expectedPerType());

    head = await appendEvents(stores.eventStore, 30, 7);
    expect(await p.waitForPosition(head, 10_000)).toBe(true);
    expect(bulk.applyCalls).toBe(30);
    expect(await perType()).toEqual(await expectedPerType());
  });

  it('leaves the rows an event-by-event build leaves', async () => {
    await appendEvents(stores.eventStore, EVENTS);
    const bulk = projector({ projections: [new BulkCountingProjection()] });
    await bulk.rebuild('counting');
    const built = await dumpTables(stores.readStore, countingTables());

    const byEvent = new BulkCountingProjection();
    const plain = projector({
      projections: [byEvent],
      settings: { ...FAST, bulkBuilds: false },
    });
    await plain.rebuild('counting');
    expect(byEvent.applyCalls).toBe(EVENTS);
    expect(byEvent.loads).toBe(0);
    expect(await dumpTables(stores.readStore, countingTables())).toBe(built);
  });

  it('keeps the position at the start until the build is complete, and reports the loading as progress', async () => {
    const head = await appendEvents(stores.eventStore, EVENTS);
    const positionsWhileLoading: bigint[] = [];
    const progress: { position: bigint; applied: number }[] = [];
    const bulk = new BulkCountingProjection({
      afterLoad: () => positionsWhileLoading.push(p.states()[0]!.position),
    });
    const p = projector({
      projections: [bulk],
      settings: {
        ...FAST,
        onProgress: (_name, position, applied) => progress.push({ position, applied }),
      },
    });
    await p.rebuild('counting');

    expect(positionsWhileLoading).toEqual(Array.from({ length: LOADS }, () => START));
    const loading = progress.filter(({ applied }) => applied > 0);
    expect(loading.map(({ applied }) => applied).reduce((a, b) => a + b, 0)).toBe(EVENTS);
    expect(loading[loading.length - 1]!.position).toBe(head);
    expect(progress[progress.length - 1]).toEqual({ position: head, applied: 0 });
    expect(p.states()[0]!.position).toBe(head);
  });

  it('starts a build cut short over again instead of resuming on top of it', async () => {
    const head = await appendEvents(stores.eventStore, EVENTS);
    let stopping: Promise<void> | undefined;
    const interrupted = new BulkCountingProjection({
      afterLoad: (ordinal) => {
        if (ordinal === 3) stopping = first.stop();
      },
    });
    const first = projector({ projections: [interrupted] });
    await first.start();
    await new Promise<void>((resolve) => {
      const poll = () => (stopping ? resolve() : setTimeout(poll, 5));
      poll();
    });
    await stopping;
    expect(interrupted.finishes).toBe(0);
    expect(await readCheckpoint(stores.readStore, 'counting')).toEqual({
      version: 1,
      position: START,
    });
    const [loaded] = await stores.readStore.query('SELECT count(*) AS n FROM counting_events');
    expect(asNumber(loaded!.n)).toBe(3 * FAST.bulkBatchSize);

    // Loading on top of those rows would make the unique key fail and fall back to applying
    // events one by one; a clean start loads everything once and applies nothing.
    const again = new BulkCountingProjection();
    const second = projector({ projections: [again] });
    await second.start();
    expect(await second.waitForPosition(head, 20_000)).toBe(true);
    expect({ loads: again.loads, applied: again.applyCalls }).toEqual({ loads: LOADS, applied: 0 });
    expect(await perType()).toEqual(await expectedPerType());
  });

  it('falls back to building event by event when loading fails', async () => {
    const head = await appendEvents(stores.eventStore, EVENTS);
    const logged: ProjectorLogEntry[] = [];
    const flaky = new BulkCountingProjection({ loadThrowsOnceAt: 2 });
    const p = projector({ projections: [flaky], log: (entry) => logged.push(entry) });
    await p.start();
    expect(await p.waitForPosition(head, 20_000)).toBe(true);
    expect(flaky.applyCalls).toBe(EVENTS);
    expect(await perType()).toEqual(await expectedPerType());
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'bulk build failed; building the projection one event at a time',
        projection: 'counting',
      }),
    );
  });

  it('names the event that cannot be applied when the bulk build fails on it', async () => {
    await appendEvents(stores.eventStore, 20);
    const p = projector({
      projections: [new BulkCountingProjection({ alwaysThrowOn: 'consent-withdrawn' })],
    });
    const error = await p.rebuild('counting').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(error).toMatchObject({ position: '2', eventType: 'consent-withdrawn' });
    expect(p.states()[0]).toMatchObject({ state: 'failed', position: START });
  });
});

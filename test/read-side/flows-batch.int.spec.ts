import { FlowsProjection } from '../../src/read-side/flows/flows.projection';
import { cutInto, firstDifference, rowsAfter } from '../projections/fixtures/batch-equivalence';
import { createStores, DIALECTS, type StoreHarness } from '../projections/fixtures/stores';
import { appendHistories, randomHistories } from './random-histories';

/**
 * `flows` applies a batch with multi-row inserts; the rows must be exactly those applying
 * the events one at a time leaves, however the feed is cut (docs/adr/0023).
 */
const DUMPS = [
  'SELECT * FROM flows_subjects ORDER BY tenant_id, subject_id',
  'SELECT * FROM flows_attempts ORDER BY tenant_id, subject_id, revision',
];

describe.each(DIALECTS)('flows applyBatch on a %s read store', (dialect) => {
  const projection = new FlowsProjection();
  let stores: StoreHarness;

  beforeAll(async () => {
    stores = await createStores(dialect);
    await appendHistories(stores.eventStore, randomHistories(40, 11));
    await stores.readStore.transaction((tx) => projection.setup(tx));
  });

  afterAll(() => stores.destroy());

  it('leaves the rows applying the events one at a time leaves', async () => {
    const events = await stores.eventStore.readAll();
    const oneByOne = await rowsAfter(stores.readStore, DUMPS, async (tx) => {
      for (const event of events) await projection.apply(event, tx);
    });
    // The 40 subjects, and syncs recorded and refused.
    expect(oneByOne.filter((row) => row.includes('"outcome":"recorded"')).length).toBeGreaterThan(
      5,
    );
    expect(oneByOne.filter((row) => row.includes('"outcome":"refused"')).length).toBeGreaterThan(5);
    for (const cuts of [[events.length], [1, 7, 150, 3, 101], Array<number>(40).fill(13)]) {
      const batched = await rowsAfter(stores.readStore, DUMPS, async (tx) => {
        for (const batch of cutInto(events, cuts)) await projection.applyBatch(batch, tx);
      });
      expect(firstDifference(batched, oneByOne)).toBeUndefined();
    }
  });
});

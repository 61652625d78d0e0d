import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import type { ReadStoreTransaction } from '../../src/read-store/read-store.port';
import { cutInto, firstDifference, rowsAfter } from '../projections/fixtures/batch-equivalence';
import { createStores, DIALECTS, type StoreHarness } from '../projections/fixtures/stores';

/**
 * The audit log's batch path must leave exactly the rows its event-by-event path leaves
 * (docs/adr/0023): for random feeds over random tenant logs (some events in no valid
 * tenant's log, so in `_system`), cut into random batches after a random prefix applied one
 * event at a time, with two logs unchained for a random number of leaves first (as after
 * an upgrade, docs/adr/0041), every row of every table is compared. Each side runs in a transaction
 * that is rolled back, so every run starts from empty tables.
 */
const runs = (dialect: string) => ({
  seed: Number(process.env.FC_SEED ?? 20261113),
  numRuns: Number(process.env.FC_RUNS ?? (dialect === 'postgres' ? 12 : 50)),
});

const TENANTS = ['acme', 'globex', 'initech', 'umbrella', undefined, 'Not A Tenant'] as const;

interface Feed {
  readonly tenants: readonly (string | undefined)[];
  /** Events applied one at a time before the batches. */
  readonly prefix: number;
  /** Sizes of the batches the rest is cut into (the last takes whatever remains). */
  readonly cuts: readonly number[];
  /** Leaves of acme and globex before their logs start chaining (docs/adr/0041). */
  readonly pin: number;
}

const feeds = fc.record({
  // 'max': lengths spread over the whole range, not biased towards a few events.
  tenants: fc.array(fc.constantFrom(...TENANTS), { minLength: 1, maxLength: 400, size: 'max' }),
  prefix: fc.nat({ max: 70 }),
  cuts: fc.array(fc.integer({ min: 1, max: 150 }), { maxLength: 12, size: 'max' }),
  pin: fc.nat({ max: 40 }),
});

/** Logs that were unchained for their first `pin` leaves, as after an upgrade. */
async function pinLogs(tx: ReadStoreTransaction, pin: number): Promise<void> {
  await tx.execute(
    'INSERT INTO audit_leaf_format_pins (tenant, chained_from) VALUES ($1, $2), ($3, $4)',
    ['acme', pin, 'globex', pin],
  );
}

function eventsOf(tenants: readonly (string | undefined)[]): RecordedEvent[] {
  const start = Date.UTC(2026, 0, 1);
  return tenants.map((tenant, n): RecordedEvent => ({
    id: randomUUID().toUpperCase(),
    type: n % 3 === 0 ? 'consent-granted' : 'maintenance-noted',
    streamName: `subject-${tenant ?? 'none'}-${n % 7}`,
    streamRevision: Math.floor(n / 7),
    globalPosition: BigInt(n + 1),
    data: tenant === undefined ? { n } : { tenantId: tenant, n },
    metadata: n % 2 === 0 && tenant !== undefined ? { tenantId: tenant } : {},
    recordedAt: new Date(start + n * 1000),
  }));
}

const DUMPS = [
  'SELECT tenant, size FROM audit_log_trees ORDER BY tenant',
  'SELECT tenant, level, idx, hash FROM audit_log_nodes ORDER BY tenant, level, idx',
  'SELECT tenant, leaf_index, event_id, position, leaf_format, previous_leaf, previous_hash FROM audit_log_leaves ORDER BY tenant, leaf_index',
  'SELECT tenant, stream_name, leaf_index, leaf_hash FROM audit_log_stream_heads ORDER BY tenant, stream_name',
  'SELECT tenant, chained_from FROM audit_leaf_format_pins ORDER BY tenant',
];

describe.each(DIALECTS)('audit_log applyBatch on a %s read store', (dialect) => {
  const projection = new AuditLogProjection();
  let stores: StoreHarness;

  beforeAll(async () => {
    stores = await createStores(dialect);
    await stores.readStore.transaction((tx) => projection.setup(tx));
  });

  afterAll(() => stores.destroy());

  it('leaves the rows applying the events one at a time leaves, for any batches', async () => {
    await fc.assert(
      fc.asyncProperty(feeds, async (feed: Feed) => {
        const events = eventsOf(feed.tenants);
        const oneByOne = await rowsAfter(stores.readStore, DUMPS, async (tx) => {
          await pinLogs(tx, feed.pin);
          for (const event of events) await projection.apply(event, tx);
        });
        const batched = await rowsAfter(stores.readStore, DUMPS, async (tx) => {
          await pinLogs(tx, feed.pin);
          const prefix = Math.min(feed.prefix, events.length);
          for (const event of events.slice(0, prefix)) await projection.apply(event, tx);
          for (const batch of cutInto(events.slice(prefix), feed.cuts)) {
            await projection.applyBatch(batch, tx);
          }
        });
        expect(oneByOne.length).toBeGreaterThan(events.length);
        expect(firstDifference(batched, oneByOne)).toBeUndefined();
      }),
      runs(dialect),
    );
  }, 120_000);

  it('fails, as event by event, when a node the batch needs is missing', async () => {
    const events = eventsOf(['acme', 'acme', 'acme', 'acme']);
    const failure = (apply: (tx: ReadStoreTransaction) => Promise<void>) =>
      rowsAfter(stores.readStore, DUMPS, async (tx) => {
        for (const event of events.slice(0, 3)) await projection.apply(event, tx);
        // Leaf 2 is the frontier of the three-leaf log; appending leaf 3 needs it.
        await tx.execute('DELETE FROM audit_log_nodes WHERE level = 0 AND idx = 2');
        await apply(tx);
      }).then(
        () => 'no error',
        (error: unknown) => (error as Error).name,
      );
    expect(await failure((tx) => projection.apply(events[3]!, tx))).toBe('MissingNodeError');
    expect(await failure((tx) => projection.applyBatch(events.slice(3), tx))).toBe(
      'MissingNodeError',
    );
  });
});

import { AuditLogReader } from '../../src/audit/log/audit-log-reader';
import { AUDIT_LOG_TABLES } from '../../src/audit/log/audit-log.tables';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import { SYSTEM_LOG } from '../../src/audit/log/log-of-event';
import { treeRoot } from '../../src/audit/merkle/merkle-tree';
import { verifyConsistency } from '../../src/audit/merkle/verify-consistency';
import { verifyInclusion } from '../../src/audit/merkle/verify-inclusion';
import { Projector } from '../../src/projections/projector';
import {
  DIALECTS,
  createStores,
  dumpTables,
  waitUntil,
  type StoreHarness,
} from '../projections/fixtures/stores';
import { appendTenantEvents, expectedLogs, TENANTS } from './support/audit-events';

const FAST = {
  batchSize: 40,
  idlePollMs: 20,
  followerPollMs: 20,
  minBackoffMs: 10,
  maxBackoffMs: 50,
};

describe.each(DIALECTS)('audit_log projection on a %s read store', (dialect) => {
  let stores: StoreHarness;
  let projector: Projector;

  beforeEach(async () => {
    stores = await createStores(dialect);
    projector = new Projector({
      eventStore: stores.eventStore,
      readStore: stores.readStore,
      projections: [new AuditLogProjection()],
      settings: FAST,
    });
  });

  afterEach(async () => {
    await projector.stop();
    await stores.destroy();
  });

  async function caughtUp(): Promise<void> {
    const head = await stores.eventStore.headPosition();
    expect(await projector.waitForPosition(head, 20_000)).toBe(true);
  }

  it('builds one RFC 9162 tree per tenant log, in feed order, as computed in memory', async () => {
    await appendTenantEvents(stores.eventStore, 200);
    await projector.start();
    await caughtUp();
    const expected = await expectedLogs(await stores.eventStore.readAll());
    expect([...expected.keys()].sort()).toEqual([SYSTEM_LOG, ...TENANTS].sort());
    for (const [tenant, log] of expected) {
      const reader = new AuditLogReader(stores.readStore, tenant);
      expect(await reader.size()).toBe(log.size);
      expect(await reader.root(log.size)).toEqual(await treeRoot(log.store, log.size));
      for (const [index, eventId] of log.eventIds.entries()) {
        expect(await reader.leafIndexOf(eventId)).toBe(index);
      }
    }
  });

  it('serves proofs from the stored tree that verify against its roots', async () => {
    await appendTenantEvents(stores.eventStore, 120);
    await projector.start();
    await caughtUp();
    const reader = new AuditLogReader(stores.readStore, 'acme');
    const size = await reader.size();
    const root = await reader.root(size);
    for (const index of [0, 1, Math.floor(size / 2), size - 1]) {
      const proof = await reader.inclusionProof(index, size);
      const leaf = await reader.leafHash(index);
      expect(() => verifyInclusion(index, size, leaf, proof, root)).not.toThrow();
    }
    for (const older of [1, Math.floor(size / 3), size - 1]) {
      const proof = await reader.consistencyProof(older, size);
      const olderRoot = await reader.root(older);
      expect(() => verifyConsistency(older, size, proof, olderRoot, root)).not.toThrow();
    }
  });

  it('rebuilds byte-identical rows and the same roots', async () => {
    await appendTenantEvents(stores.eventStore, 150);
    await projector.start();
    await caughtUp();
    const before = await dumpTables(stores.readStore, AUDIT_LOG_TABLES);
    const rootsBefore = await roots(stores);
    await projector.rebuild('audit_log');
    await caughtUp();
    expect(await dumpTables(stores.readStore, AUDIT_LOG_TABLES)).toBe(before);
    expect(await roots(stores)).toEqual(rootsBefore);
  });

  it('follows the feed live', async () => {
    await projector.start();
    await appendTenantEvents(stores.eventStore, 30);
    const expected = await expectedLogs(await stores.eventStore.readAll());
    const acme = expected.get('acme')!;
    const reader = new AuditLogReader(stores.readStore, 'acme');
    await waitUntil(async () => (await reader.size()) === acme.size);
    expect(await reader.root(acme.size)).toEqual(await treeRoot(acme.store, acme.size));
  });
});

async function roots(stores: StoreHarness): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const tenant of [SYSTEM_LOG, ...TENANTS]) {
    const reader = new AuditLogReader(stores.readStore, tenant);
    result[tenant] = (await reader.root(await reader.size())).toString('hex');
  }
  return result;
}

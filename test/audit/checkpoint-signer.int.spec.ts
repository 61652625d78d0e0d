import { CheckpointSigner, type SignOutcome } from '../../src/audit/checkpoints/checkpoint-signer';
import { CheckpointSignerService } from '../../src/audit/checkpoints/checkpoint-signer.service';
import {
  CheckpointSigningKey,
  logOrigin,
} from '../../src/audit/checkpoints/checkpoint-signing-key';
import {
  checkpointAt,
  ensureCheckpointTable,
  latestCheckpoint,
} from '../../src/audit/checkpoints/checkpoint-store';
import { AuditLogReader } from '../../src/audit/log/audit-log-reader';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import { SqlHashStore } from '../../src/audit/log/sql-hash-store';
import { hashLeaf } from '../../src/audit/merkle/hashing';
import { appendLeaf } from '../../src/audit/merkle/merkle-tree';
import { verifyConsistency } from '../../src/audit/merkle/verify-consistency';
import { openCheckpoint } from '../../src/audit/note/checkpoint';
import { ed25519PrivateKey, ed25519PublicKeyBytes } from '../../src/audit/note/ed25519';
import { parseVerifierKey } from '../../src/audit/note/note-keys';
import { Projector } from '../../src/projections/projector';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { DIALECTS, createStores, type StoreHarness } from '../projections/fixtures/stores';
import { appendTenantEvents } from './support/audit-events';
import { Registry } from 'prom-client';
import type { ProjectionStatusSource } from '../../src/projections/projection-status';

/** A status source saying the audit log projection has applied the whole feed. */
const caughtUp: ProjectionStatusSource = {
  statuses: () =>
    Promise.resolve([
      {
        name: 'audit_log',
        position: '0',
        lagEvents: 0,
        lagSeconds: 0,
        caughtUp: true,
        halted: false,
      },
    ]),
};

const HOST = 'ledger.test';
const privateKey = ed25519PrivateKey(Buffer.alloc(32, 0x42));
const key = new CheckpointSigningKey(privateKey, ed25519PublicKeyBytes(privateKey));
const verifierOf = (tenant: string) =>
  parseVerifierKey(key.verifierKeyFor(logOrigin(HOST, tenant)));
const FAST = {
  batchSize: 40,
  idlePollMs: 20,
  followerPollMs: 20,
  minBackoffMs: 10,
  maxBackoffMs: 50,
};

describe.each(DIALECTS)('checkpoint signer on a %s read store', (dialect) => {
  let stores: StoreHarness;
  let projector: Projector;
  let now: Date;
  let refusals: SignOutcome[];

  function signer(readStore: ReadStore = stores.readStore): CheckpointSigner {
    return new CheckpointSigner({
      readStore,
      key,
      originHost: HOST,
      cadence: { everyEvents: 50, everyMs: 60_000 },
      now: () => now,
      onRefused: (refusal) => refusals.push(refusal),
    });
  }

  async function appendAndProject(count: number): Promise<void> {
    await appendTenantEvents(stores.eventStore, count);
    const head = await stores.eventStore.headPosition();
    expect(await projector.waitForPosition(head, 20_000)).toBe(true);
  }

  async function logSize(tenant: string): Promise<number> {
    return new AuditLogReader(stores.readStore, tenant).size();
  }

  beforeEach(async () => {
    now = new Date('2026-06-11T10:00:00.000Z');
    refusals = [];
    stores = await createStores(dialect);
    await ensureCheckpointTable(stores.readStore);
    projector = new Projector({
      eventStore: stores.eventStore,
      readStore: stores.readStore,
      projections: [new AuditLogProjection()],
      settings: FAST,
    });
    await projector.start();
  });

  afterEach(async () => {
    await projector.stop();
    await stores.destroy();
  });

  it('signs each tenant log once it has leaves: origin, size and root, under the origin key', async () => {
    await appendAndProject(60);
    const outcomes = await signer().signDue();
    expect(outcomes.map((o) => [o.tenant, o.kind]).sort()).toEqual([
      ['_system', 'signed'],
      ['acme', 'signed'],
      ['globex', 'signed'],
      ['initech', 'signed'],
    ]);
    const stored = await latestCheckpoint(stores.readStore, 'acme');
    const checkpoint = openCheckpoint(stored!.note, verifierOf('acme'));
    const size = await logSize('acme');
    expect(checkpoint).toMatchObject({ origin: 'ledger.test/acme', size: BigInt(size) });
    expect(checkpoint.rootHash).toEqual(
      await new AuditLogReader(stores.readStore, 'acme').root(size),
    );
    expect(() => openCheckpoint(stored!.note, verifierOf('globex'))).toThrow();
  });

  it('signs again after N new leaves or after T with any growth, never without growth', async () => {
    await appendAndProject(30);
    await signer().signDue();
    const first = (await latestCheckpoint(stores.readStore, 'acme'))!;
    await appendAndProject(15);
    expect(await signer().signDue()).toEqual([]);
    now = new Date(now.getTime() + 60_000);
    const later = await signer().signDue();
    expect(later.filter((o) => o.kind === 'signed').map((o) => o.tenant)).toContain('acme');
    const second = (await latestCheckpoint(stores.readStore, 'acme'))!;
    expect(second.size).toBeGreaterThan(first.size);
    expect(await signer().signDue()).toEqual([]);
    now = new Date(now.getTime() + 120_000);
    expect(await signer().signDue()).toEqual([]);
    await appendAndProject(3);
    expect((await signer().signDue()).map((o) => o.tenant)).toEqual(['acme']);
    const beforeCount = (await latestCheckpoint(stores.readStore, 'acme'))!;
    await appendAndProject(200);
    expect((await logSize('acme')) - beforeCount.size).toBeGreaterThanOrEqual(50);
    const byCount = await signer().signDue();
    expect(byCount).toContainEqual(expect.objectContaining({ tenant: 'acme', kind: 'signed' }));
    const third = (await latestCheckpoint(stores.readStore, 'acme'))!;
    expect(third.signedAt).toBe(beforeCount.signedAt);
    const proof = await new AuditLogReader(stores.readStore, 'acme').consistencyProof(
      first.size,
      third.size,
    );
    const [a, c] = [first, third].map((s) => openCheckpoint(s.note, verifierOf('acme')));
    expect(() =>
      verifyConsistency(a!.size, c!.size, proof, a!.rootHash, c!.rootHash),
    ).not.toThrow();
  });

  it('refuses, and logs, a log that no longer extends its latest checkpoint', async () => {
    await appendAndProject(60);
    await signer().signDue();
    const signed = (await latestCheckpoint(stores.readStore, 'acme'))!;
    await projector.stop();
    // Another history of the same length plus more: what a changed leaf envelope would give.
    await forgeLog(stores.readStore, 'acme', signed.size + 5);
    const outcome = await signer().sign('acme');
    expect(outcome).toMatchObject({ kind: 'refused', tenant: 'acme', latestSize: signed.size });
    expect(refusals).toHaveLength(1);
    expect(await latestCheckpoint(stores.readStore, 'acme')).toEqual(signed);
    await forgeLog(stores.readStore, 'acme', signed.size);
    expect(await signer().sign('acme')).toMatchObject({ kind: 'refused' });
    expect(await checkpointAt(stores.readStore, 'acme', signed.size)).toEqual(signed);
  });

  it('does not sign a log that is behind its latest checkpoint (a rebuild in progress)', async () => {
    await appendAndProject(60);
    await signer().signDue();
    await projector.stop();
    await stores.readStore.execute(
      "UPDATE audit_log_trees SET size = size - 1 WHERE tenant = 'acme'",
    );
    expect(await signer().sign('acme')).toMatchObject({ kind: 'behind' });
    expect(refusals).toEqual([]);
  });

  it('raises the integrity gauge when the caught-up log holds fewer leaves than its checkpoint', async () => {
    await appendAndProject(60);
    const registry = new Registry();
    const service = new CheckpointSignerService(
      stores.readStore,
      signer(),
      1000,
      caughtUp,
      registry,
    );
    try {
      await service.signDue();
      await projector.stop();
      await stores.readStore.execute(
        "UPDATE audit_log_trees SET size = size - 1 WHERE tenant = 'acme'",
      );
      await service.signDue();
      const text = await registry.getSingleMetricAsString('audit_log_integrity_problem');
      expect(text).toContain('audit_log_integrity_problem{tenant="acme",problem="shrunk"} 1');
      expect(text).toContain('audit_log_integrity_problem{tenant="globex",problem="shrunk"} 0');
    } finally {
      await service.beforeApplicationShutdown();
    }
  });

  it('signs the other logs when one cannot be read', async () => {
    await appendAndProject(60);
    await projector.stop();
    await stores.readStore.execute("DELETE FROM audit_log_nodes WHERE tenant = 'globex'");
    const outcomes = await signer().signDue();
    expect(outcomes.map((o) => [o.tenant, o.kind]).sort()).toEqual([
      ['_system', 'signed'],
      ['acme', 'signed'],
      ['globex', 'failed'],
      ['initech', 'signed'],
    ]);
    expect(await latestCheckpoint(stores.readStore, 'globex')).toBeUndefined();
  });

  it('stores one checkpoint per size when two signers race', async () => {
    await appendAndProject(60);
    const other = await stores.openReadStore();
    const outcomes = await Promise.all([signer().sign('acme'), signer(other).sign('acme')]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['signed', 'unchanged']);
    const rows = await stores.readStore.query(
      "SELECT size FROM audit_checkpoints WHERE tenant = 'acme'",
    );
    expect(rows).toHaveLength(1);
  });

  it('lets only the holder of the writer lease sign', async () => {
    await appendAndProject(30);
    const other = await stores.openReadStore();
    const a = new CheckpointSignerService(
      stores.readStore,
      signer(),
      1000,
      caughtUp,
      new Registry(),
    );
    const b = new CheckpointSignerService(other, signer(other), 1000, caughtUp, new Registry());
    try {
      expect(await a.signDue()).toHaveLength(4);
      const second = await b.signDue();
      if (dialect === 'postgres') {
        expect(second).toBeUndefined();
        await a.beforeApplicationShutdown();
        expect(await b.signDue()).toEqual([]);
      } else {
        // One host writes a SQLite file; its lease is always granted.
        expect(second).toEqual([]);
      }
    } finally {
      await a.beforeApplicationShutdown();
      await b.beforeApplicationShutdown();
    }
  });
});

/** Rewrites a tenant's tree with other leaves, as a bug or a changed envelope would. */
async function forgeLog(readStore: ReadStore, tenant: string, size: number): Promise<void> {
  await readStore.transaction(async (tx) => {
    await tx.execute('DELETE FROM audit_log_nodes WHERE tenant = $1', [tenant]);
    const hashes = new SqlHashStore(tx, tenant);
    for (let i = 0; i < size; i++)
      await appendLeaf(hashes, i, hashLeaf(Buffer.from(`forged ${i}`)));
    await tx.execute('UPDATE audit_log_trees SET size = $2 WHERE tenant = $1', [tenant, size]);
  });
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { NewDelivery } from '../../../src/erasure/webhooks/outbox/webhook-delivery';
import { WebhookSecrets } from '../../../src/erasure/webhooks/secrets/webhook-secrets';
import { openWebhookStorage } from '../../../src/erasure/webhooks/storage/open-webhook-storage';
import type { WebhookStorage } from '../../../src/erasure/webhooks/storage/webhook-storage';
import { FileKeyEncryptionKeys } from '../../../src/keys/kek/file-key-encryption-keys';
import type { KeyStoreLocation } from '../../../src/keys/storage/key-store-location';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  readonly location: KeyStoreLocation;
  dispose(): Promise<void>;
}

function sqliteBackend(dir: string): Backend {
  return {
    location: { kind: 'sqlite', url: join(dir, 'keys.sqlite') },
    dispose: () => Promise.resolve(),
  };
}

function postgresBackend(): Backend {
  const schema = `webhooks_${randomBytes(6).toString('hex')}`;
  return {
    location: { kind: 'postgres', url: `${PG_URL}?schema=${schema}` },
    dispose: async () => {
      const admin = new Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
    },
  };
}

function delivery(id: string, createdAt: number, recipient = 'map-provider-row'): NewDelivery {
  return {
    deliveryId: id,
    tenantId: 'acme',
    subjectId: 's-1',
    erasureId: 'e-1',
    recipient,
    createdAt,
  };
}

describe.each([
  ['sqlite', sqliteBackend],
  ['postgres', () => postgresBackend()],
] as const)('webhook storage on %s', (_name, makeBackend) => {
  let dir: string;
  let backend: Backend;
  let storage: WebhookStorage;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consent-ledger-webhook-storage-'));
    backend = makeBackend(dir);
    storage = await openWebhookStorage(backend.location);
  });

  afterEach(async () => {
    await storage.close();
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enqueues each delivery once, whatever state it reached', async () => {
    const { outbox } = storage;
    await outbox.enqueue(delivery('d-1', 1000));
    const [claimed] = await outbox.claimDue(1000, 10, 500);
    await outbox.recordAttempt(claimed!.deliveryId, {
      at: 1100,
      status: 200,
      error: null,
      state: 'delivered',
      nextAttemptAt: 1100,
    });
    await outbox.enqueue(delivery('d-1', 5000));
    expect(await outbox.ofErasure('acme', 's-1', 'e-1')).toEqual([
      expect.objectContaining({
        deliveryId: 'd-1',
        state: 'delivered',
        attempts: 1,
        lastAttemptAt: 1100,
        lastStatus: 200,
        createdAt: 1000,
      }),
    ]);
    expect(await outbox.claimDue(10_000, 10, 500)).toEqual([]);
  });

  it('leases due deliveries to one caller until the lease runs out', async () => {
    const { outbox } = storage;
    await outbox.enqueue(delivery('d-1', 1000));
    await outbox.enqueue(delivery('d-2', 2200));
    expect((await outbox.claimDue(2000, 10, 500)).map((d) => d.deliveryId)).toEqual(['d-1']);
    expect(await outbox.claimDue(2100, 10, 500)).toEqual([]);
    expect((await outbox.claimDue(2300, 10, 500)).map((d) => d.deliveryId)).toEqual(['d-2']);
    // d-1's lease (until 2500) ran out; d-2's (until 2800) holds.
    expect((await outbox.claimDue(2500, 10, 500)).map((d) => d.deliveryId)).toEqual(['d-1']);
  });

  it('never leases one delivery to two storages on the same database at once', async () => {
    // Two storages are two connections (pools), as two replicas have.
    const other = await openWebhookStorage(backend.location);
    try {
      for (let i = 0; i < 20; i++) await storage.outbox.enqueue(delivery(`d-${i}`, 1000 + i));
      const claims = await Promise.all(
        [storage, other, storage, other].map((s) => s.outbox.claimDue(5000, 7, 60_000)),
      );
      const leased = claims.flat().map((d) => d.deliveryId);
      expect(new Set(leased).size).toBe(leased.length);
      const rest = await other.outbox.claimDue(5000, 20, 60_000);
      expect([...leased, ...rest.map((d) => d.deliveryId)].sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `d-${i}`).sort(),
      );
    } finally {
      await other.close();
    }
  });

  it('keeps unconfigured deliveries waiting, and wakes them and given-up ones for their recipient', async () => {
    const { outbox } = storage;
    await outbox.enqueue(delivery('d-1', 1000));
    await outbox.enqueue(delivery('d-2', 1000, 'first-party-row'));
    await outbox.enqueue(delivery('d-3', 1000, 'first-party-row'));
    await outbox.claimDue(1000, 10, 500);
    await outbox.markUnconfigured('d-1', 60_000);
    await outbox.markUnconfigured('d-2', 60_000);
    await outbox.recordAttempt('d-3', {
      at: 1000,
      status: 500,
      error: 'http-status',
      state: 'failed',
      nextAttemptAt: 1000,
    });
    expect(await outbox.claimDue(2000, 10, 500)).toEqual([]);
    expect(await outbox.countsByState()).toEqual([
      { tenantId: 'acme', state: 'failed', count: 1 },
      { tenantId: 'acme', state: 'unconfigured', count: 2 },
    ]);

    expect(await outbox.wake('acme', 'first-party-row', 2000)).toBe(2);
    const due = await outbox.claimDue(2000, 10, 500);
    expect(due.map((d) => [d.deliveryId, d.state, d.attempts])).toEqual([
      ['d-2', 'pending', 0],
      ['d-3', 'pending', 0],
    ]);
  });

  it('keeps secrets wrapped under the KEK and moves them to a new one', async () => {
    const kek = FileKeyEncryptionKeys.open(join(dir, 'kek'), { createFirst: true });
    const secrets = new WebhookSecrets(storage.secretRows, kek);
    const secret = randomBytes(32);
    await secrets.store('acme', 'map-provider-row', 'secret-1', Buffer.from(secret));
    const wrapped = await storage.secretRows.find('acme', 'map-provider-row', 'secret-1');
    expect(wrapped?.wrapped.includes(secret)).toBe(false);
    expect(await secrets.open('acme', 'map-provider-row', 'secret-1')).toEqual(secret);

    const first = kek.currentId;
    await kek.rotate();
    expect(await secrets.kekIdsInUse()).toEqual([first]);
    expect(await secrets.rewrapAll()).toBe(1);
    expect(await secrets.kekIdsInUse()).toEqual([kek.currentId]);
    await kek.retire(first);
    expect(await secrets.open('acme', 'map-provider-row', 'secret-1')).toEqual(secret);

    await secrets.remove('acme', 'map-provider-row', 'secret-1');
    expect(await secrets.open('acme', 'map-provider-row', 'secret-1')).toBeUndefined();
  });
});

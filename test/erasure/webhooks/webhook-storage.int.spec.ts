import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

/** The deliveries table as it was before ADR 0046, with one erasure delivery in it. */
const LEGACY_OUTBOX = (table: string, bigint: string, strict: string) => `
  CREATE TABLE ${table} (
    delivery_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, subject_id TEXT NOT NULL,
    erasure_id TEXT NOT NULL, recipient TEXT NOT NULL, created_at ${bigint} NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at ${bigint} NOT NULL,
    claimed_until ${bigint}, last_attempt_at ${bigint}, last_status INTEGER, last_error TEXT)${strict};
  INSERT INTO ${table} (delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at,
    state, next_attempt_at) VALUES ('d-0', 'acme', 's-1', 'e-1', 'map-provider-row', 1, 'pending', 1);`;

async function createLegacyOutbox(location: KeyStoreLocation): Promise<void> {
  if (location.kind === 'sqlite') {
    mkdirSync(dirname(location.url), { recursive: true });
    const db = new DatabaseSync(location.url);
    db.exec(LEGACY_OUTBOX('erasure_webhook_deliveries', 'INTEGER', ' STRICT'));
    db.close();
    return;
  }
  const schema = new URL(location.url).searchParams.get('schema')!;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await admin.query(LEGACY_OUTBOX(`"${schema}".erasure_webhook_deliveries`, 'bigint', ''));
  } finally {
    await admin.end();
  }
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

  it('keeps batches of changes apart from erasure notices, one per (recipient, upTo)', async () => {
    const { outbox } = storage;
    const batch = { tenantId: 'acme', recipient: 'map-provider-row', createdAt: 1000 };
    await outbox.enqueue(delivery('d-1', 1000));
    await outbox.enqueueChanges({ ...batch, deliveryId: 'c-1', after: 0, upTo: 3 });
    await outbox.enqueueChanges({ ...batch, deliveryId: 'c-1', after: 0, upTo: 3, createdAt: 9 });
    await outbox.enqueueChanges({ ...batch, deliveryId: 'c-2', after: 3, upTo: 7 });
    expect((await outbox.ofErasure('acme', 's-1', 'e-1')).map((d) => d.deliveryId)).toEqual([
      'd-1',
    ]);
    expect(await outbox.latestChanges('acme', 'map-provider-row')).toMatchObject({
      deliveryId: 'c-2',
      state: 'pending',
      changes: { after: 3, upTo: 7 },
    });
    expect(await outbox.latestChanges('acme', 'first-party-row')).toBeUndefined();
    const claimed = await outbox.claimDue(1000, 10, 500);
    expect(claimed.map((d) => [d.deliveryId, d.changes])).toEqual([
      ['c-1', { after: 0, upTo: 3 }],
      ['c-2', { after: 3, upTo: 7 }],
      ['d-1', undefined],
    ]);
  });

  it('opens an outbox made before batches of changes existed, and again', async () => {
    await storage.close();
    await backend.dispose();
    backend = makeBackend(dir + '-legacy');
    await createLegacyOutbox(backend.location);
    storage = await openWebhookStorage(backend.location);
    await storage.close();
    storage = await openWebhookStorage(backend.location);
    const [legacy] = await storage.outbox.ofErasure('acme', 's-1', 'e-1');
    expect(legacy).toMatchObject({ deliveryId: 'd-0', state: 'pending' });
    expect(legacy!.changes).toBeUndefined();
    await storage.outbox.enqueueChanges({
      deliveryId: 'c-1',
      tenantId: 'acme',
      recipient: 'map-provider-row',
      after: 0,
      upTo: 2,
      createdAt: 1,
    });
    expect(await storage.outbox.latestChanges('acme', 'map-provider-row')).toMatchObject({
      changes: { after: 0, upTo: 2 },
    });
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

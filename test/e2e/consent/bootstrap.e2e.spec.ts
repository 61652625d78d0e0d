import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import type { Clock } from '../../../src/shared/time/clock';
import { DefaultTenantBootstrap } from '../../../src/consent/application/default-tenant-bootstrap';
import { createEventStore } from '../../../src/event-store/create-event-store';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { useConsentApi } from './harness';

const api = useConsentApi();

describe('start-up of the embedded service', () => {
  it('publishes the example policy for the default tenant on first start', async () => {
    const current = await api.get('/v1/policies/current');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ version: 1 });
    expect(await api.store.readStream('policy-default')).toHaveLength(1);
  });
});

describe('DefaultTenantBootstrap, on the same SQLite store the app opens', () => {
  let dataDir: string;
  let store: EventStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-e2e-bootstrap-'));
    store = await createEventStore({
      url: join(dataDir, 'events.sqlite'),
      maxEventBytes: 1024 * 1024,
    });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Bug: the bootstrap reads the clock twice (effectiveFrom, then clock.now) and allows 0 ms
  // of skew, so a millisecond boundary between the two readings makes the example policy
  // "take effect in the past" and the whole start fails (intermittently, in real time).
  it('publishes the example policy even when the clock ticks between two readings', async () => {
    let now = Date.parse('2026-11-22T10:00:00.000Z');
    const tickingClock: Clock = { now: () => (now += 1) };
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const bootstrap = new DefaultTenantBootstrap(store, config, tickingClock);
    await bootstrap.onApplicationBootstrap();
    expect(await store.readStream('policy-default')).toHaveLength(1);
  });
});

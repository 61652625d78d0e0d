import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { parseApiKey } from '../../src/auth/domain/api-key-token';
import { loadConfig } from '../../src/config/load-config';
import { systemClock } from '../../src/shared/time/clock';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

const ADMIN = { tenantId: 'acme', principal: 'operator' };
const APP_KEY = { name: 'app', roles: ['app'] as const, expiresAt: null };

/**
 * Issue #13: two replicas (two registries, each with its own cache) over one event store. A
 * key created on one must work on the other at once, even though the other read the
 * tenant's registry a moment earlier; before, a miss within 100 ms of that read was a 401.
 */
describe('API keys across replicas', () => {
  let dir: string;
  let store: EventStore;
  let reads: string[];
  let a: ApiKeyRegistry;
  let b: ApiKeyRegistry;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keys-across-'));
    const opened = await openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    reads = [];
    store = new Proxy(opened, {
      get(target, property, receiver) {
        if (property === 'readStream') {
          return (stream: string, ...rest: []) => {
            reads.push(stream);
            return target.readStream(stream, ...rest);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const config = loadConfig({ DATA_DIR: dir });
    const secret = randomBytes(32);
    a = new ApiKeyRegistry(store, secret, config, systemClock);
    b = new ApiKeyRegistry(store, secret, config, systemClock);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function createOn(registry: ApiKeyRegistry): Promise<string> {
    const created = await registry.create(ADMIN, randomBytes(8).toString('hex'), {
      ...APP_KEY,
      roles: [...APP_KEY.roles],
    });
    return created.apiKey!;
  }

  it('accepts a key made on one replica on the other at once, though the other just read the registry', async () => {
    const first = await createOn(a);
    // B reads the tenant's registry and caches it.
    expect(await b.authenticate(parseApiKey(first)!)).toBeDefined();
    for (let i = 0; i < 5; i++) {
      const made = await createOn(a);
      const caller = await b.authenticate(parseApiKey(made)!);
      expect(caller).toMatchObject({ tenantId: 'acme', roles: ['app'] });
    }
  });

  it('hands out one working key when two replicas run the same creation at the same moment', async () => {
    for (let round = 0; round < 10; round++) {
      // As the initial admin key of replicas starting together: one Idempotency-Key.
      const idempotencyKey = `same-request-${round}`;
      const both = await Promise.all(
        [a, b].map((registry) =>
          registry.create(ADMIN, idempotencyKey, { ...APP_KEY, roles: [...APP_KEY.roles] }),
        ),
      );
      const handedOut = both.flatMap((change) => (change.apiKey ? [change.apiKey] : []));
      expect(handedOut).toHaveLength(1);
      expect(both.map((change) => change.replayed).sort()).toEqual([false, true]);
      expect(both[0]!.key.keyId).toBe(both[1]!.key.keyId);
      for (const registry of [a, b]) {
        expect(await registry.authenticate(parseApiKey(handedOut[0]!)!)).toBeDefined();
      }
    }
  });

  it('stops a key revoked on one replica on the other once its cache has expired', async () => {
    const key = parseApiKey(await createOn(a))!;
    expect(await b.authenticate(key)).toBeDefined();
    await a.revoke(ADMIN, 'revoke-1', key.keyId);
    expect(await a.authenticate(key)).toBeUndefined();
    // API_KEY_CACHE_MS (1000 ms by default) bounds how long B trusts what it read.
    const deadline = Date.now() + 10_000;
    while ((await b.authenticate(key)) !== undefined) {
      if (Date.now() > deadline) throw new Error('the revoked key still works on B after 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('answers a flood of unknown keys of one tenant with a few shared reads', async () => {
    const known = parseApiKey(await createOn(a))!;
    expect(await b.authenticate(known)).toBeDefined();
    reads.length = 0;
    const unknown = Array.from({ length: 500 }, () => ({
      ...known,
      keyId: randomBytes(8).toString('hex'),
    }));
    const callers = await Promise.all(unknown.map((token) => b.authenticate(token)));
    expect(callers.every((caller) => caller === undefined)).toBe(true);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(2);
  });

  it('reads the registries of made-up tenants only a few at a time', async () => {
    reads.length = 0;
    const madeUp = Array.from({ length: 200 }, (_, i) => ({
      tenantId: `made-up-${i}`,
      keyId: randomBytes(8).toString('hex'),
      secret: randomBytes(32).toString('base64url').slice(0, 43),
    }));
    const callers = await Promise.all(madeUp.map((token) => b.authenticate(token)));
    expect(callers.every((caller) => caller === undefined)).toBe(true);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(8);
  });
});

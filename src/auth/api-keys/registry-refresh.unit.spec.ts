import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryRefresh } from './registry-refresh';

/** A registry stream whose reads are counted and finish when the test says so. */
class SlowStream {
  readonly begun: string[] = [];
  private readonly finishers: (() => void)[] = [];
  version = 0;
  failNext = false;

  read = (tenantId: string): Promise<number> => {
    this.begun.push(tenantId);
    const seen = this.version;
    const fail = this.failNext;
    this.failNext = false;
    return new Promise((resolve, reject) => {
      this.finishers.push(() => (fail ? reject(new Error('store away')) : resolve(seen)));
    });
  };

  /** Lets every read begun so far finish. */
  finishAll(): void {
    for (const finish of this.finishers.splice(0)) finish();
  }
}

const KNOWN = { lastReadAt: 0, paced: true, mayRefuse: true };
const UNKNOWN = { lastReadAt: undefined, paced: false, mayRefuse: true };
const NO_PACING = { minIntervalMs: 0, maxUnknownTenants: 100 };

async function settle(): Promise<void> {
  await sleep(5);
}

describe('RegistryRefresh', () => {
  it('gives a request that arrived during a read a read that begins after it, shared by all such requests', async () => {
    const stream = new SlowStream();
    const refresh = new RegistryRefresh(stream.read, Date.now, NO_PACING);
    const first = refresh.readAfter('acme', refresh.ticket(), KNOWN)!;
    await settle();
    // A key is created elsewhere while the first read runs; these requests arrive after.
    stream.version = 1;
    const later = Array.from({ length: 50 }, () =>
      refresh.readAfter('acme', refresh.ticket(), KNOWN)!,
    );
    stream.finishAll();
    expect((await first).state).toBe(0);
    await settle();
    stream.finishAll();
    const states = (await Promise.all(later)).map((read) => read.state);
    expect(states).toEqual(Array(50).fill(1));
    expect(stream.begun).toEqual(['acme', 'acme']);
  });

  it('lets a request join a read that began after it arrived', async () => {
    const stream = new SlowStream();
    const refresh = new RegistryRefresh(stream.read, Date.now, NO_PACING);
    const ticket = refresh.ticket();
    const first = refresh.readAfter('acme', ticket, KNOWN)!;
    await settle();
    const joined = refresh.readAfter('acme', ticket, KNOWN)!;
    stream.finishAll();
    expect(await joined).toBe(await first);
    expect(stream.begun).toEqual(['acme']);
  });

  it('begins paced reads of one tenant no closer together than the interval, however many misses come', async () => {
    const stream = new SlowStream();
    const minIntervalMs = 40;
    const refresh = new RegistryRefresh(stream.read, Date.now, {
      minIntervalMs,
      maxUnknownTenants: 100,
    });
    const started = Date.now();
    let misses = 0;
    while (Date.now() - started < 400) {
      void refresh.readAfter('acme', refresh.ticket(), {
        lastReadAt: started,
        paced: true,
        mayRefuse: true,
      });
      misses++;
      stream.finishAll();
      await sleep(1);
    }
    const elapsed = Date.now() - started;
    stream.finishAll();
    expect(misses).toBeGreaterThan(stream.begun.length);
    // Pacing can only make reads rarer than this, however slow the machine is.
    expect(stream.begun.length).toBeLessThanOrEqual(Math.floor(elapsed / minIntervalMs) + 1);
  });

  it('does not pace reads an administrator asks for', async () => {
    const stream = new SlowStream();
    const refresh = new RegistryRefresh(stream.read, Date.now, {
      minIntervalMs: 60_000,
      maxUnknownTenants: 100,
    });
    const read = refresh.readAfter('acme', refresh.ticket(), {
      lastReadAt: Date.now(),
      paced: false,
      mayRefuse: false,
    })!;
    await settle();
    stream.finishAll();
    expect((await read).state).toBe(0);
  });

  it('reads at most the bound of unknown tenants at once and refuses misses beyond it', async () => {
    const stream = new SlowStream();
    const refresh = new RegistryRefresh(stream.read, Date.now, {
      minIntervalMs: 0,
      maxUnknownTenants: 2,
    });
    const reads = ['made-up-1', 'made-up-2', 'made-up-3'].map((tenant) =>
      refresh.readAfter(tenant, refresh.ticket(), UNKNOWN),
    );
    expect(reads.map((read) => read !== undefined)).toEqual([true, true, false]);
    // A tenant this replica knows, and an administrator's read, are never refused.
    expect(refresh.readAfter('acme', refresh.ticket(), KNOWN)).toBeDefined();
    const administrator = { lastReadAt: undefined, paced: false, mayRefuse: false };
    expect(refresh.readAfter('made-up-4', refresh.ticket(), administrator)).toBeDefined();
    await settle();
    stream.finishAll();
    await Promise.all([reads[0], reads[1]]);
    await settle();
    // Once those reads are over, there is room again.
    expect(refresh.readAfter('made-up-3', refresh.ticket(), UNKNOWN)).toBeDefined();
  });

  it('hands a failed read to every request that shared it, and reads afresh for the next one', async () => {
    const stream = new SlowStream();
    const refresh = new RegistryRefresh(stream.read, Date.now, NO_PACING);
    stream.failNext = true;
    const shared = [1, 2, 3].map(() => refresh.readAfter('acme', refresh.ticket(), KNOWN)!);
    await settle();
    stream.finishAll();
    for (const read of shared) await expect(read).rejects.toThrow('store away');
    const again = refresh.readAfter('acme', refresh.ticket(), KNOWN)!;
    await settle();
    stream.finishAll();
    expect((await again).state).toBe(0);
    expect(stream.begun).toEqual(['acme', 'acme']);
  });
});

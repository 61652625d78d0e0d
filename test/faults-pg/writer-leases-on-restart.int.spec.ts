import { setTimeout as sleep } from 'node:timers/promises';
import type { WriterLease } from '../../src/read-store/read-store.port';
import { PostgresWriterLeases } from '../../src/read-store/postgres/postgres-writer-leases';
import { PostgresConnections } from '../../src/postgres/connection-watch';
import {
  privatePostgresUnavailable,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres';
import { SilentProxy } from './silent-proxy';

/**
 * Writer leases are advisory locks on one session (docs/adr/0022). After the session dies,
 * the holder must know its leases are lost before anyone else can take them, and the leases
 * must be taken again on a new session once the server is back: never by two at once.
 */
const unavailable = privatePostgresUnavailable();
const suite = unavailable ? describe.skip : describe;
const FAST_HEARTBEAT = { everyMs: 100, timeoutMs: 500 };

suite(
  `writer leases when the lease connection dies${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let server: PrivatePostgres;
    const opened: PostgresWriterLeases[] = [];
    const leasesOn = (url: string, connections = new PostgresConnections()) => {
      const leases = new PostgresWriterLeases(
        { connectionString: url },
        'leases_test',
        () => undefined,
        FAST_HEARTBEAT,
        connections.watch('read_store_leases'),
      );
      opened.push(leases);
      return leases;
    };

    beforeAll(async () => {
      server = await startPrivatePostgres();
    }, 60_000);

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((leases) => leases.close()));
    });

    afterAll(() => server?.destroy());

    it('loses every lease the moment the server crashes, and exactly one replica takes each again', async () => {
      const connections = new PostgresConnections();
      const first = leasesOn(server.url, connections);
      const second = leasesOn(server.url);
      const held = await Promise.all(['a', 'b'].map((name) => first.tryAcquire(name)));
      expect(held.every((lease) => lease !== undefined)).toBe(true);
      expect(await second.tryAcquire('a')).toBeUndefined();

      server.restart('immediate');
      await waitFor(() => held.every((lease) => lease!.lost));
      expect(connections.statuses()).toMatchObject([
        { component: 'read_store_leases', up: false, losses: 1 },
      ]);

      // Both replicas race for each lease on fresh sessions; one wins each.
      const race = async (name: string) => {
        const [one, other] = await Promise.all([
          retryWhileUnavailable(() => first.tryAcquire(name)),
          retryWhileUnavailable(() => second.tryAcquire(name)),
        ]);
        return [one, other].filter((lease) => lease !== undefined);
      };
      expect(await race('a')).toHaveLength(1);
      expect(await race('b')).toHaveLength(1);
      expect(connections.statuses()).toMatchObject([{ up: true, losses: 1 }]);
    });

    it('grants one lease to concurrent acquisitions of one name, and one release frees it', async () => {
      const first = leasesOn(server.url);
      const second = leasesOn(server.url);
      const tries = await Promise.all(Array.from({ length: 5 }, () => first.tryAcquire('c')));
      const granted = tries.filter((lease): lease is WriterLease => lease !== undefined);
      expect(granted).toHaveLength(1);
      await granted[0]!.release();
      // Had the session taken the lock twice, one unlock would leave it held.
      expect(await second.tryAcquire('c')).toBeDefined();
    });

    it('knows a lease lost when its session goes silent, while nobody else can take it yet', async () => {
      const proxy = await SilentProxy.start(server.port);
      try {
        const holder = leasesOn(`postgres://postgres@127.0.0.1:${proxy.port}/postgres`);
        const other = leasesOn(server.url);
        const lease = await holder.tryAcquire('d');
        expect(lease).toBeDefined();

        proxy.goSilent();
        // No close, no error: only the unanswered heartbeat tells the holder.
        await waitFor(() => lease!.lost);
        // The server still has the session, and with it the lock: no second writer.
        expect(await other.tryAcquire('d')).toBeUndefined();

        proxy.cutUpstream();
        await waitFor(async () => (await other.tryAcquire('d')) !== undefined);
      } finally {
        await proxy.close();
      }
    });
  },
);

/** A bound of 30 s only turns a hang into a failure. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 30 s');
    await sleep(20);
  }
}

/** While the server starts up, acquisitions fail; a replica simply tries again. */
async function retryWhileUnavailable(
  acquire: () => Promise<WriterLease | undefined>,
): Promise<WriterLease | undefined> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await acquire();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

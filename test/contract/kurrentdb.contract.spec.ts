import { spawnSync } from 'node:child_process';
import type { StartedTestContainer } from 'testcontainers';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openKurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store';
import {
  describeEventStoreContract,
  type ContractHarness,
  type ContractStorage,
} from './event-store.contract';

/** Pinned so a new server release cannot change the contract run silently. */
const IMAGE = 'kurrentplatform/kurrentdb:26.0';
const NODE_PORT = 2113;
const PROBE_TIMEOUT_MS = 20_000;
const START_TIMEOUT_MS = 180_000;

type Server =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'container' }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Decided before `describe` runs, synchronously, because a CommonJS test file cannot await at
 * the top level: the container engine is asked in a short-lived child process, which answers
 * quickly when there is no engine and is killed after a timeout when an engine hangs.
 */
function findServer(): Server {
  const url = process.env.KURRENTDB_URL?.trim();
  if (url) return { kind: 'url', url };
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(require.resolve('testcontainers'))})
        .getContainerRuntimeClient()
        .then(() => process.exit(0), (error) => {
          process.stderr.write(String(error && error.message ? error.message : error));
          process.exit(1);
        });`,
    ],
    { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS },
  );
  if (probe.status === 0) return { kind: 'container' };
  const reason =
    probe.error !== undefined
      ? `probe failed: ${probe.error.message}`
      : probe.stderr.trim().split('\n').pop() || `probe exited with status ${probe.status}`;
  return { kind: 'none', reason };
}

/** Every test gets fresh clients; streams are random per test, so one server serves all. */
function harness(connectionString: () => string): ContractHarness {
  return {
    uniqueEventIdsAcrossStreams: false,
    async create(options): Promise<ContractStorage> {
      const opened: EventStore[] = [];
      const open = async (): Promise<EventStore> => {
        const store = await openKurrentDbEventStore({
          connectionString: connectionString(),
          maxEventBytes: options?.maxEventBytes,
        });
        opened.push(store);
        return store;
      };
      return {
        store: await open(),
        reopen: open,
        // close() is idempotent, so closing what the contract already closed is harmless.
        destroy: async () => {
          await Promise.all(opened.map((store) => store.close()));
        },
      };
    },
  };
}

const server = findServer();

if (server.kind === 'none') {
  // Straight to stderr: Jest does not print the buffered console of a suite it skips.
  process.stderr.write(
    `KurrentDB contract skipped: no KURRENTDB_URL and no container engine answered (${server.reason}); ` +
      'it runs when either is available\n',
  );
  describe.skip('KurrentDB (skipped: no server available)', () => {
    describeEventStoreContract('kurrentdb', () => harness(() => ''));
  });
} else {
  describe('KurrentDB', () => {
    let connectionString = server.kind === 'url' ? server.url : '';
    let container: StartedTestContainer | undefined;

    beforeAll(async () => {
      if (server.kind !== 'container') return;
      const { GenericContainer, Wait } = await import('testcontainers');
      container = await new GenericContainer(IMAGE)
        .withEnvironment({
          KURRENTDB_CLUSTER_SIZE: '1',
          KURRENTDB_INSECURE: 'true',
          KURRENTDB_MEM_DB: 'true',
          KURRENTDB_RUN_PROJECTIONS: 'None',
        })
        .withExposedPorts(NODE_PORT)
        // Insecure nodes answer plain HTTP; /health/live returns 204 once the node serves.
        .withWaitStrategy(Wait.forHttp('/health/live', NODE_PORT).forStatusCode(204))
        .withStartupTimeout(START_TIMEOUT_MS)
        .start();
      connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(NODE_PORT)}?tls=false`;
    }, START_TIMEOUT_MS);

    afterAll(async () => {
      await container?.stop();
    });

    describeEventStoreContract('kurrentdb', () => harness(() => connectionString));
  });
}

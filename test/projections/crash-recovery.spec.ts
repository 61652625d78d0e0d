import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readCheckpoint } from '../../src/projections/checkpoints';
import { Projector } from '../../src/projections/projector';
import { asNumber } from '../../src/read-store/sql-value';
import { CountingProjection } from './fixtures/counting.projection';
import { DIALECTS, appendEvents, createStores, type StoreHarness } from './fixtures/stores';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test', 'support', 'register-ts.js');
const CHILD = join(__dirname, 'fixtures', 'projector-child.ts');
const EVENTS = 20_000;
const KILLS = 3;

/**
 * Runs the projector in a child process and kills it with SIGKILL as soon as the stored
 * checkpoint has moved past `after`, i.e. in the middle of a catch-up, most likely
 * inside a transaction. Resolves with the checkpoint seen just before the kill.
 */
function runAndKillDuringCatchUp(stores: StoreHarness, after: bigint): Promise<bigint> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
      cwd: ROOT,
      env: {
        ...process.env,
        EVENT_STORE_URL: stores.eventStoreUrl,
        READ_STORE_URL: stores.readStoreUrl,
        BATCH_SIZE: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let seen = after;
    let polling = true;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      polling = false;
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`projector child exited with ${code ?? signal}: ${stderr}`));
    });
    void (async () => {
      while (polling) {
        const checkpoint = await readCheckpoint(stores.readStore, 'counting').catch(
          () => undefined,
        );
        if (checkpoint && checkpoint.position > after) {
          seen = checkpoint.position;
          child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
  });
}

describe.each(DIALECTS)('projector crash recovery on a %s read store', (dialect) => {
  let stores: StoreHarness;

  beforeEach(async () => {
    stores = await createStores(dialect);
  });

  afterEach(async () => {
    await stores.destroy();
  });

  it(`applies every event exactly once after ${KILLS} SIGKILLs during catch-up`, async () => {
    const head = await appendEvents(stores.eventStore, EVENTS, 500);
    let killedAt = 0n;
    for (let kill = 0; kill < KILLS; kill++) {
      killedAt = await runAndKillDuringCatchUp(stores, killedAt);
      expect(killedAt).toBeLessThan(head);
    }

    const readStore = await stores.openReadStore();
    const projector = new Projector({
      eventStore: stores.eventStore,
      readStore,
      projections: [new CountingProjection()],
      settings: { followerPollMs: 50 },
    });
    try {
      await projector.start();
      expect(await projector.waitForPosition(head, 30_000)).toBe(true);
      expect(projector.states()[0]!.state).toBe('running');
    } finally {
      await projector.stop();
    }
    const [row] = await readStore.query(
      'SELECT (SELECT count(*) FROM counting_events) AS events, (SELECT sum(count) FROM counting_per_type) AS counted',
    );
    expect(asNumber(row!.events)).toBe(EVENTS);
    expect(asNumber(row!.counted)).toBe(EVENTS);
  }, 120_000);
});

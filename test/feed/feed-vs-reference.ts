import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import {
  PROPERTY_TEST_TIMEOUT_MS,
  propertyRunOptions,
} from '../../src/consent/domain/testing/property-run-options';
import { FeedProjection } from '../../src/feed/projection/feed.projection';
import { openReadStore } from '../../src/read-store/open-read-store';
import type { ReadStore, SqlDialect } from '../../src/read-store/read-store.port';
import { batchesOf, feedHistory, type FeedHistory } from './feed-histories';
import { referenceFeed } from './reference-feed';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A read store of `dialect` of the test's own (a file, or a random PostgreSQL schema). */
export async function privateReadStore(
  dialect: SqlDialect,
): Promise<{ store: ReadStore; destroy: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-feed-'));
  const schema = `feed_${randomBytes(6).toString('hex')}`;
  const store = await openReadStore(
    dialect === 'postgres' ? `${PG_URL}?schema=${schema}` : `sqlite:${join(dir, 'read.sqlite')}`,
  );
  return {
    store,
    destroy: async () => {
      await store.close();
      if (dialect === 'postgres') {
        const client = new Client({ connectionString: PG_URL });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private read store of `dialect` for the enclosing `describe`: made before, destroyed after. */
export function usePrivateReadStore(dialect: SqlDialect): () => ReadStore {
  let stores: Awaited<ReturnType<typeof privateReadStore>> | undefined;
  beforeAll(async () => {
    stores = await privateReadStore(dialect);
  });
  afterAll(async () => {
    await stores?.destroy();
  });
  return () => {
    if (!stores) throw new Error('the private read store is not open');
    return stores.store;
  };
}

/** Builds the feed from nothing over the history, in its batches; resolves to its changes. */
async function projectedFeed(store: ReadStore, history: FeedHistory) {
  const projection = new FeedProjection();
  await store.transaction(async (tx) => {
    await projection.drop(tx);
    await projection.setup(tx);
  });
  for (const batch of batchesOf(history)) {
    await store.transaction((tx) => projection.applyBatch(batch, tx));
  }
  const head = await projection.heads.head(store, TENANT_ID);
  const changes = await projection.changes.page(store, TENANT_ID, 0, 1_000_000);
  return { head, changes };
}

/**
 * Over random histories (grants with expiries, revokes, Local Data Mode, erasure, syncs,
 * policy versions recorded before they take effect), the feed the projection stores equals
 * the reference derived from `evaluatePermission` alone, whatever the batches the runner cut
 * the feed into; positions run 1, 2, 3, … without a gap.
 */
export function describeFeedVsReference(dialect: SqlDialect, defaultRuns: number): void {
  describe(`the permission-change feed on a ${dialect} read store`, () => {
    const store = usePrivateReadStore(dialect);

    it(
      'equals the changes the domain rules give, event by event and as time passes',
      async () => {
        const seen = { time: 0, event: 0, revoked: 0 };
        await fc.assert(
          fc.asyncProperty(feedHistory, async (history) => {
            const expected = referenceFeed(history.events);
            const { head, changes } = await projectedFeed(store(), history);
            expect(changes.map((c) => c.position)).toEqual(expected.map((_, i) => i + 1));
            expect(head).toBe(expected.length);
            expect(changes.map(({ position: _, causePosition: __, ...rest }) => rest)).toEqual(
              expected,
            );
            for (const change of changes) {
              seen[change.trigger] += 1;
              if (!change.permitted) seen.revoked += 1;
            }
          }),
          propertyRunOptions(20261207, defaultRuns),
        );
        // The histories reached the cases the feed exists for.
        expect(seen.time).toBeGreaterThan(0);
        expect(seen.event).toBeGreaterThan(0);
        expect(seen.revoked).toBeGreaterThan(0);
      },
      PROPERTY_TEST_TIMEOUT_MS,
    );
  });
}

/**
 * Where a projection's batch time goes, statement by statement: replays an existing feed
 * (EVENT_STORE_URL, e.g. the events schema a keepup run kept with
 * BENCH_KEEPUP_KEEP_SCHEMAS=1) through the read side's projections into a fresh read
 * schema on PG_BENCH_URL (dropped afterwards), in batches of PROFILE_BATCH events (default
 * 50, about what a live batch holds under load), each through `applyBatch` when the
 * projection has one, and prints per projection the events per second and the statements
 * that took the time. Not part of `npm run bench`: a tool for finding per-event round trips.
 *
 *   npm run build:bench && node dist/bench/keepup/profile-projections.js
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import { ErasureRequestsProjection } from '../../src/erasure/read-model/erasure-requests.projection';
import { createEventStore } from '../../src/event-store/create-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { Projection } from '../../src/projections/projection';
import { openReadStore } from '../../src/read-store/open-read-store';
import type {
  ReadStore,
  ReadStoreTransaction,
  SqlRow,
  SqlValue,
} from '../../src/read-store/read-store.port';
import { FlowsProjection } from '../../src/read-side/flows/flows.projection';
import { ConsentStateProjection } from '../../src/read-side/projections/consent-state.projection';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';

const PG_URL = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = Number(process.env.PROFILE_BATCH ?? '50');

/** Times every statement of a transaction under a key that ignores parameter counts. */
class TimedTransaction implements ReadStoreTransaction {
  constructor(
    private readonly tx: ReadStoreTransaction,
    private readonly times: Map<string, { ms: number; count: number }>,
  ) {}

  get dialect() {
    return this.tx.dialect;
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.time(sql, () => this.tx.execute(sql, params));
  }

  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.time(sql, () => this.tx.query<Row>(sql, params));
  }

  private async time<T>(sql: string, run: () => Promise<T>): Promise<T> {
    const key = sql
      .replace(/\s+/g, ' ')
      .replace(/\(\$\d+(, \$\d+)*\)(, \(\$\d+(, \$\d+)*\))*/g, '(…)')
      .replace(/\$\d+/g, '$')
      .replace(/( OR \(tenant = \$ AND level = \$ AND idx = \$\))+/g, ' OR …')
      .slice(0, 110);
    const started = performance.now();
    try {
      return await run();
    } finally {
      const entry = this.times.get(key) ?? { ms: 0, count: 0 };
      entry.ms += performance.now() - started;
      entry.count += 1;
      this.times.set(key, entry);
    }
  }
}

async function profile(projection: Projection, events: readonly RecordedEvent[], store: ReadStore) {
  await store.transaction(async (tx) => {
    await projection.drop(tx);
    await projection.setup(tx);
  });
  const times = new Map<string, { ms: number; count: number }>();
  const started = performance.now();
  for (let offset = 0; offset < events.length; offset += BATCH) {
    const batch = events.slice(offset, offset + BATCH);
    await store.transaction(async (raw) => {
      const tx = new TimedTransaction(raw, times);
      if (projection.applyBatch) await projection.applyBatch(batch, tx);
      else for (const event of batch) await projection.apply(event, tx);
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const inStatements = [...times.values()].reduce((sum, t) => sum + t.ms, 0) / 1000;
  process.stdout.write(
    `${projection.name}: ${Math.round(events.length / seconds)} events/s ` +
      `(${seconds.toFixed(2)} s, ${inStatements.toFixed(2)} s in statements, batches of ${BATCH})\n`,
  );
  const top = [...times].sort(([, a], [, b]) => b.ms - a.ms).slice(0, 8);
  for (const [sql, { ms, count }] of top) {
    process.stdout.write(
      `  ${(ms / 1000).toFixed(2).padStart(7)} s ${String(count).padStart(7)} × ` +
        `${(ms / count).toFixed(3).padStart(7)} ms  ${sql}\n`,
    );
  }
}

async function main(): Promise<void> {
  const url = process.env.EVENT_STORE_URL;
  if (!url) throw new Error('EVENT_STORE_URL names the feed to replay');
  const eventStore = await createEventStore({ url, maxEventBytes: 1024 * 1024 });
  const schema = `profile_${randomBytes(5).toString('hex')}`;
  const readStore = await openReadStore(`${PG_URL}?schema=${schema}`);
  try {
    const events = await eventStore.readAll();
    process.stdout.write(`${events.length} events\n`);
    const only = process.env.PROFILE_ONLY?.split(',');
    const projections: Projection[] = [
      new AuditLogProjection(),
      new ConsentStateProjection(),
      new FlowWindowsProjection(),
      new FlowsProjection(),
      new ErasureRequestsProjection(),
    ].filter((p) => !only || only.includes(p.name));
    for (const projection of projections) await profile(projection, events, readStore);
  } finally {
    await readStore.close();
    await eventStore.close();
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

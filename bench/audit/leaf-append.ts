import { createHash } from 'node:crypto';
import { leafHashOf, leafInput } from '../../src/audit/leaf';
import { SqlHashStore } from '../../src/audit/log/sql-hash-store';
import { MapHashStore } from '../../src/audit/merkle/map-hash-store';
import { appendLeaf } from '../../src/audit/merkle/merkle-tree';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { median } from '../support/stats';
import { BENCH_TENANT, benchEvent } from './bench-events';
import type { AuditBenchSettings } from './bench-settings';
import { type AuditTarget, postgresReachable, postgresTarget, sqliteTarget } from './sql-targets';

/** Leaves per read-store transaction, as the projector batches a catch-up. */
const LEAVES_PER_TRANSACTION = 5000;

export interface LeafAppendFigures {
  readonly leaves: number;
  readonly leafInputBytes: number;
  /** The limit: node:crypto SHA-256(0x00 || input) over the same leaf inputs, precomputed. */
  readonly rawSha256PerSecond: number;
  /** Leaf hashing alone: envelope, RFC 8785 canonical JSON, sealed-field digests, SHA-256. */
  readonly leafHashPerSecond: number;
  /** Leaf hashing plus `appendLeaf` into the in-memory hash store. */
  readonly appendMemoryPerSecond: number;
  /** Leaf hashing plus `appendLeaf` into the SQL hash store on a SQLite file, 5000 per commit. */
  readonly appendSqlitePerSecond: number;
  /** The same on PostgreSQL (fewer leaves: one round trip per statement); null when unreachable. */
  readonly appendPostgresPerSecond: number | null;
  readonly appendPostgresLeaves: number;
}

export async function measureLeafAppend(
  settings: AuditBenchSettings,
  dir: string,
): Promise<LeafAppendFigures> {
  const events = Array.from({ length: settings.appendLeaves }, (_, n) => benchEvent(n));
  const inputs = events.map((event) => leafInput(event));
  const runs = (work: () => Promise<number> | number) => repeat(settings.runs, work);

  const rawSha256 = await runs(() =>
    perSecond(inputs.length, () => {
      for (const input of inputs)
        createHash('sha256').update(Uint8Array.of(0)).update(input).digest();
    }),
  );
  const leafHash = await runs(() =>
    perSecond(events.length, () => {
      for (const event of events) leafHashOf(event);
    }),
  );
  const appendMemory = await runs(async () => {
    const store = new MapHashStore();
    return perSecondAsync(events.length, async () => {
      for (let size = 0; size < events.length;) {
        size = await appendLeaf(store, size, leafHashOf(events[size]!));
      }
    });
  });
  const appendSqlite = await runs(() => appendToSql(() => sqliteTarget(dir), events));
  const pgEvents = events.slice(0, settings.appendLeavesPostgres);
  const appendPostgres = (await postgresReachable())
    ? await runs(() => appendToSql(postgresTarget, pgEvents))
    : null;
  return {
    leaves: events.length,
    leafInputBytes: Math.round(
      inputs.reduce((sum, input) => sum + input.length, 0) / inputs.length,
    ),
    rawSha256PerSecond: rawSha256,
    leafHashPerSecond: leafHash,
    appendMemoryPerSecond: appendMemory,
    appendSqlitePerSecond: appendSqlite,
    appendPostgresPerSecond: appendPostgres,
    appendPostgresLeaves: pgEvents.length,
  };
}

async function appendToSql(
  open: () => Promise<AuditTarget>,
  events: readonly RecordedEvent[],
): Promise<number> {
  const target = await open();
  try {
    return await perSecondAsync(events.length, async () => {
      for (let size = 0; size < events.length;) {
        const end = Math.min(size + LEAVES_PER_TRANSACTION, events.length);
        size = await target.store.transaction(async (tx) => {
          const hashes = new SqlHashStore(tx, BENCH_TENANT);
          let next = size;
          while (next < end) next = await appendLeaf(hashes, next, leafHashOf(events[next]!));
          return next;
        });
      }
    });
  } finally {
    await target.dispose();
  }
}

/** The median of `runs` results of `work`. */
export async function repeat(runs: number, work: () => Promise<number> | number): Promise<number> {
  const results: number[] = [];
  for (let run = 0; run < runs; run++) results.push(await work());
  return Math.round(median(results));
}

function perSecond(count: number, work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function perSecondAsync(count: number, work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

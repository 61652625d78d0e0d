/**
 * Inclusion-proof latency on a large tree (10M leaves by default). Appending 10M leaves one
 * by one through `appendLeaf` and the SQL hash store would take far longer than the figure
 * is worth, and holding 20M node objects does not fit a bench process. So the tree is built
 * directly, level by level, into one flat buffer per level (node i of level l is
 * SHA-256(0x01 || node 2i || node 2i+1) of level l−1, exactly the complete subtrees the log
 * stores), bulk-loaded in key order into the same `audit_log_nodes` table, and then proofs
 * are read through `AuditLogReader` as the service reads them. The root is checked against
 * `treeRoot` over the flat levels and every run verifies a proof, so a wrong build cannot
 * pass unnoticed.
 */
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { AuditLogReader } from '../../src/audit/log/audit-log-reader';
import { HASH_BYTES, hashChildren } from '../../src/audit/merkle/hashing';
import type { HashStore } from '../../src/audit/merkle/hash-store.port';
import { MissingNodeError } from '../../src/audit/merkle/merkle.errors';
import { inclusionProof, treeRoot } from '../../src/audit/merkle/merkle-tree';
import type { NodeId } from '../../src/audit/merkle/node-id';
import { BENCH_TENANT } from './bench-events';
import type { AuditBenchSettings } from './bench-settings';
import { leafHashOfIndex, type ProofFigures } from './proof-latency';
import { timeProofs, type ProofLatency } from './proof-timing';
import {
  type AuditTarget,
  PG_URL,
  postgresReachable,
  postgresTarget,
  sqliteTarget,
} from './sql-targets';

const ROWS_PER_SQLITE_COMMIT = 500_000;
const ROWS_PER_POSTGRES_INSERT = 50_000;

export interface LargeProofFigures extends ProofFigures {
  /** Seconds to hash the whole tree (not to append it leaf by leaf). */
  readonly buildSeconds: number;
  /** Seconds to bulk-load the nodes, per store. */
  readonly loadSeconds: Record<string, number>;
  readonly method: string;
}

/** The complete-subtree hashes of a tree of `size` leaves, one flat buffer per level. */
export function buildLevels(size: number): Buffer[] {
  const leaves = Buffer.allocUnsafe(size * HASH_BYTES);
  for (let i = 0; i < size; i++) leaves.set(leafHashOfIndex(i), i * HASH_BYTES);
  const levels = [leaves];
  for (let below = leaves; below.length >= 2 * HASH_BYTES;) {
    const count = Math.floor(below.length / HASH_BYTES / 2);
    const level = Buffer.allocUnsafe(count * HASH_BYTES);
    for (let i = 0; i < count; i++) {
      const left = below.subarray(2 * i * HASH_BYTES, (2 * i + 1) * HASH_BYTES);
      const right = below.subarray((2 * i + 1) * HASH_BYTES, (2 * i + 2) * HASH_BYTES);
      level.set(hashChildren(left, right), i * HASH_BYTES);
    }
    levels.push(level);
    below = level;
  }
  return levels;
}

/** A read-only hash store over `buildLevels`' buffers. */
export class LevelHashStore implements HashStore {
  constructor(private readonly levels: readonly Buffer[]) {}

  readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return Promise.resolve(ids.map((id) => nodeOf(this.levels, id)));
  }

  writeNodes(): Promise<void> {
    return Promise.reject(new Error('the level store is read-only'));
  }
}

function nodeOf(levels: readonly Buffer[], { level, index }: NodeId): Buffer {
  const hashes = levels[level];
  if (!hashes || (index + 1) * HASH_BYTES > hashes.length) throw new MissingNodeError(level, index);
  return hashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
}

function loadSqlite(path: string, levels: readonly Buffer[]): void {
  const db = new DatabaseSync(path);
  try {
    // A bench set-up step: the loader does not need each commit to survive power loss.
    db.exec('PRAGMA synchronous = OFF');
    const insert = db.prepare(
      'INSERT INTO audit_log_nodes (tenant, level, idx, hash) VALUES (?, ?, ?, ?)',
    );
    let inTransaction = 0;
    db.exec('BEGIN');
    levels.forEach((hashes, level) => {
      for (let index = 0; index < hashes.length / HASH_BYTES; index++) {
        insert.run(BENCH_TENANT, level, index, nodeOf(levels, { level, index }));
        if (++inTransaction === ROWS_PER_SQLITE_COMMIT) {
          db.exec('COMMIT; BEGIN');
          inTransaction = 0;
        }
      }
    });
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function loadPostgres(schema: string, levels: readonly Buffer[]): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    const sql =
      `INSERT INTO "${schema}".audit_log_nodes (tenant, level, idx, hash) ` +
      'SELECT $1, $2, i, h FROM unnest($3::bigint[], $4::bytea[]) AS t(i, h)';
    for (const [level, hashes] of levels.entries()) {
      const count = hashes.length / HASH_BYTES;
      for (let from = 0; from < count; from += ROWS_PER_POSTGRES_INSERT) {
        const to = Math.min(count, from + ROWS_PER_POSTGRES_INSERT);
        const indexes = Array.from({ length: to - from }, (_, i) => from + i);
        const nodes = indexes.map((index) => nodeOf(levels, { level, index }));
        await client.query(sql, [BENCH_TENANT, level, indexes, nodes]);
      }
    }
    await client.query(`ANALYZE "${schema}".audit_log_nodes`);
  } finally {
    await client.end();
  }
}

async function load(target: AuditTarget, levels: readonly Buffer[], size: number) {
  if ('sqlitePath' in target.location) loadSqlite(target.location.sqlitePath, levels);
  else await loadPostgres(target.location.postgresSchema, levels);
  await target.store.execute('INSERT INTO audit_log_trees (tenant, size) VALUES ($1, $2)', [
    BENCH_TENANT,
    size,
  ]);
}

function secondsSince(started: bigint): number {
  return +(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
}

export async function measureLargeProofLatency(
  settings: AuditBenchSettings,
  dir: string,
): Promise<LargeProofFigures> {
  const size = settings.largeProofTreeLeaves;
  const building = process.hrtime.bigint();
  const levels = buildLevels(size);
  const buildSeconds = secondsSince(building);
  process.stderr.write(`    ${size} leaves hashed level by level in ${buildSeconds} s\n`);
  const memory = new LevelHashStore(levels);
  const root = await treeRoot(memory, size);

  const latencies: ProofLatency[] = [
    await timeProofs(settings, 'memory', size, root, leafHashOfIndex, (index) =>
      inclusionProof(memory, index, size),
    ),
  ];
  const loadSeconds: Record<string, number> = {};
  const targets: [ProofLatency['store'], () => Promise<AuditTarget>][] = [
    ['sqlite', () => sqliteTarget(dir)],
  ];
  if (await postgresReachable()) targets.push(['postgres', postgresTarget]);
  for (const [name, open] of targets) {
    const target = await open();
    try {
      const loading = process.hrtime.bigint();
      await load(target, levels, size);
      loadSeconds[name] = secondsSince(loading);
      process.stderr.write(`    ${name}: ${size} leaves loaded in ${loadSeconds[name]} s\n`);
      const reader = new AuditLogReader(target.store, BENCH_TENANT);
      latencies.push(
        await timeProofs(settings, name, size, root, leafHashOfIndex, (index) =>
          reader.inclusionProof(index, size),
        ),
      );
    } finally {
      await target.dispose();
    }
  }
  return {
    treeLeaves: size,
    proofsPerRun: settings.proofsPerRun,
    latencies,
    buildSeconds,
    loadSeconds,
    method:
      'tree hashed level by level into flat buffers and bulk-loaded in key order ' +
      '(not appended leaf by leaf); proofs read through AuditLogReader',
  };
}

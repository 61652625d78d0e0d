import { createHash } from 'node:crypto';
import { AuditLogReader } from '../../src/audit/log/audit-log-reader';
import { SqlHashStore } from '../../src/audit/log/sql-hash-store';
import { hashLeaf } from '../../src/audit/merkle/hashing';
import type { HashStore, StoredNode } from '../../src/audit/merkle/hash-store.port';
import { MapHashStore } from '../../src/audit/merkle/map-hash-store';
import { appendLeaf, inclusionProof, treeRoot } from '../../src/audit/merkle/merkle-tree';
import { BENCH_TENANT } from './bench-events';
import type { AuditBenchSettings } from './bench-settings';
import { timeProofs, type ProofLatency } from './proof-timing';
import { type AuditTarget, postgresReachable, postgresTarget, sqliteTarget } from './sql-targets';

/** Nodes per multi-row insert when the SQL stores are filled (4 parameters each). */
const NODES_PER_INSERT = 1000;
const NODES_PER_TRANSACTION = 100_000;

export interface ProofFigures {
  readonly treeLeaves: number;
  readonly proofsPerRun: number;
  readonly latencies: ProofLatency[];
}

/**
 * Latency of one inclusion proof at the latest tree size of a log of `proofTreeLeaves`
 * leaves, for random leaves: from the in-memory hash store, and through `AuditLogReader`
 * (one batched read of the planned nodes) from SQLite and PostgreSQL read stores filled
 * with the same nodes.
 */
export async function measureProofLatency(
  settings: AuditBenchSettings,
  dir: string,
): Promise<ProofFigures> {
  const size = settings.proofTreeLeaves;
  const memory = new MapHashStore();
  const nodes: StoredNode[] = [];
  const recording: HashStore = {
    readNodes: (ids) => memory.readNodes(ids),
    writeNodes: async (written) => {
      nodes.push(...written);
      await memory.writeNodes(written);
    },
  };
  for (let n = 0; n < size;) n = await appendLeaf(recording, n, leafHashOfIndex(n));
  const root = await treeRoot(memory, size);

  const latencies: ProofLatency[] = [];
  const measure = async (
    store: ProofLatency['store'],
    prove: (index: number) => Promise<Buffer[]>,
  ) => {
    latencies.push(await timeProofs(settings, store, size, root, leafHashOfIndex, prove));
  };

  await measure('memory', (index) => inclusionProof(memory, index, size));
  const targets: [ProofLatency['store'], () => Promise<AuditTarget>][] = [
    ['sqlite', () => sqliteTarget(dir)],
  ];
  if (await postgresReachable()) targets.push(['postgres', postgresTarget]);
  for (const [name, open] of targets) {
    const target = await open();
    try {
      await fill(target, nodes, size);
      const reader = new AuditLogReader(target.store, BENCH_TENANT);
      await measure(name, (index) => reader.inclusionProof(index, size));
    } finally {
      await target.dispose();
    }
  }
  return { treeLeaves: size, proofsPerRun: settings.proofsPerRun, latencies };
}

async function fill(
  target: AuditTarget,
  nodes: readonly StoredNode[],
  size: number,
): Promise<void> {
  for (let offset = 0; offset < nodes.length; offset += NODES_PER_TRANSACTION) {
    const batch = nodes.slice(offset, offset + NODES_PER_TRANSACTION);
    await target.store.transaction(async (tx) => {
      const store = new SqlHashStore(tx, BENCH_TENANT);
      for (let i = 0; i < batch.length; i += NODES_PER_INSERT) {
        await store.writeNodes(batch.slice(i, i + NODES_PER_INSERT));
      }
    });
  }
  await target.store.execute('INSERT INTO audit_log_trees (tenant, size) VALUES ($1, $2)', [
    BENCH_TENANT,
    size,
  ]);
}

/** Proof latency does not depend on what the leaves hold: hash the index. */
export function leafHashOfIndex(index: number): Buffer {
  return hashLeaf(createHash('sha256').update(String(index)).digest());
}

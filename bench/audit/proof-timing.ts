import { verifyInclusion } from '../../src/audit/merkle/verify-inclusion';
import { LatencySample, median } from '../support/stats';
import type { AuditBenchSettings } from './bench-settings';

export interface ProofLatency {
  readonly store: 'memory' | 'sqlite' | 'postgres';
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Stored nodes each proof read, on average (at most 2·log2(n) by design). */
  readonly proofNodes: number;
}

/**
 * Times `settings.proofsPerRun` inclusion proofs of random leaves in a tree of `size`
 * leaves, `settings.runs` times; the first proof of each run is verified against `root`,
 * so a store that answers fast but wrong cannot go unnoticed. Medians over the runs.
 */
export async function timeProofs(
  settings: AuditBenchSettings,
  store: ProofLatency['store'],
  size: number,
  root: Uint8Array,
  leafHashOfIndex: (index: number) => Uint8Array,
  prove: (index: number) => Promise<Buffer[]>,
): Promise<ProofLatency> {
  const runs: { p50: number; p99: number; nodes: number }[] = [];
  for (let run = 0; run < settings.runs; run++) {
    const sample = new LatencySample();
    let proofNodes = 0;
    for (let i = 0; i < settings.proofsPerRun; i++) {
      const index = Math.floor(Math.random() * size);
      const started = process.hrtime.bigint();
      const proof = await prove(index);
      sample.add(Number(process.hrtime.bigint() - started) / 1e6);
      proofNodes += proof.length;
      if (i === 0) verifyInclusion(index, size, leafHashOfIndex(index), proof, root);
    }
    runs.push({
      p50: sample.percentile(50),
      p99: sample.percentile(99),
      nodes: proofNodes / settings.proofsPerRun,
    });
  }
  return {
    store,
    p50Ms: +median(runs.map((r) => r.p50)).toFixed(4),
    p99Ms: +median(runs.map((r) => r.p99)).toFixed(4),
    proofNodes: +median(runs.map((r) => r.nodes)).toFixed(1),
  };
}

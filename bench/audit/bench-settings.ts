/** What the audit scenario measures, from the environment. */
export interface AuditBenchSettings {
  /** Runs per figure; figures are medians over them. */
  readonly runs: number;
  /** Leaves per run of the append figures (in memory and SQLite). */
  readonly appendLeaves: number;
  /** Leaves per run of the PostgreSQL append figure (one round trip per statement). */
  readonly appendLeavesPostgres: number;
  /** Size of the tree the proof latencies are measured on. */
  readonly proofTreeLeaves: number;
  /** Size of the large tree (built directly, see large-tree.ts); 0 skips it. */
  readonly largeProofTreeLeaves: number;
  /** Proofs per run. */
  readonly proofsPerRun: number;
  /** Events in the bundle that is verified offline. */
  readonly bundleEvents: number;
}

export function auditBenchSettings(env: NodeJS.ProcessEnv): AuditBenchSettings {
  const count = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    runs: count('BENCH_RUNS', 5),
    appendLeaves: count('BENCH_APPEND_LEAVES', 100_000),
    appendLeavesPostgres: count('BENCH_APPEND_LEAVES_POSTGRES', 10_000),
    proofTreeLeaves: count('BENCH_PROOF_LEAVES', 1_000_000),
    largeProofTreeLeaves:
      env.BENCH_PROOF_LEAVES_LARGE === '0' ? 0 : count('BENCH_PROOF_LEAVES_LARGE', 10_000_000),
    proofsPerRun: count('BENCH_PROOFS', 2000),
    bundleEvents: count('BENCH_EVENTS', 1_000_000),
  };
}

/** Sizes of the rebuild and memory measurements; every one can be scaled down by env. */
export interface RebuildSettings {
  readonly runs: number;
  /** Subject events in the rebuild log (BENCH_EVENTS), four per subject. */
  readonly events: number;
  /** Subjects in the memory log (BENCH_RSS_SUBJECTS), one registration each. */
  readonly rssSubjects: number;
  /** Checks about random subjects asked after the memory rebuild (BENCH_RSS_CHECKS). */
  readonly rssChecks: number;
}

export const EVENTS_PER_SUBJECT = 4;

export function rebuildSettings(env: NodeJS.ProcessEnv): RebuildSettings {
  return {
    runs: Number(env.BENCH_RUNS ?? '5'),
    events: Number(env.BENCH_EVENTS ?? '1000000'),
    rssSubjects: Number(env.BENCH_RSS_SUBJECTS ?? '1000000'),
    rssChecks: Number(env.BENCH_RSS_CHECKS ?? '10000'),
  };
}

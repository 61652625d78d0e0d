/**
 * `npm run bench -- append`: appends/s and p50/p99 latency at 1, 8 and 64 concurrent
 * writers of this project's adapters, Emmett's stores (the peers) and a raw INSERT on the
 * same database (the limit), measured in the same run. Runs are interleaved (run 1 of every
 * target, then run 2 …) so a noisy neighbour on a shared machine hits all targets alike.
 * BENCH_WRITERS (default 1,8,64) and BENCH_TARGETS (substrings of target names, e.g.
 * `postgres`) narrow it down. Prints one JSON document on stdout.
 */
import { median } from '../support/stats';
import { timedLoop, type LoopResult } from '../support/timed-loop';
import {
  kurrentDbOurs,
  postgresOurs,
  postgresRaw,
  postgresRawBatched,
  postgresReachable,
  sqliteOurs,
  sqliteRawBatched,
  type TargetFactory,
} from './append-targets';
import { postgresEmmett, sqliteEmmett, unavailableReason } from './emmett-targets';

const RUNS = Number(process.env.BENCH_RUNS ?? '5');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '2');
const WARMUP_SECONDS = 0.5;
const CONCURRENCY = (process.env.BENCH_WRITERS ?? '1,8,64').split(',').map(Number);

interface AppendFigures {
  readonly target: string;
  readonly database: TargetFactory['database'];
  readonly kind: TargetFactory['kind'];
  readonly workers: number;
  readonly runs: number;
  readonly appendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly note?: string;
  readonly error?: string;
}

async function measureOnce(target: TargetFactory, workers: number): Promise<LoopResult> {
  const opened = await target.open(workers);
  try {
    return await timedLoop(workers, SECONDS, WARMUP_SECONDS, (w) => opened.append(w));
  } finally {
    await opened.close();
  }
}

function summarise(
  target: TargetFactory,
  workers: number,
  runs: readonly LoopResult[],
  error: string | undefined,
): AppendFigures {
  return {
    target: target.name,
    database: target.database,
    kind: target.kind,
    workers,
    runs: runs.length,
    appendsPerSecond: Math.round(median(runs.map((r) => r.operations / r.seconds))),
    p50Ms: +median(runs.map((r) => r.p50Ms)).toFixed(3),
    p99Ms: +median(runs.map((r) => r.p99Ms)).toFixed(3),
    ...(target.note ? { note: target.note } : {}),
    ...(error ? { error } : {}),
  };
}

async function measureAt(targets: readonly TargetFactory[], workers: number) {
  const runs = new Map<TargetFactory, LoopResult[]>(targets.map((t) => [t, []]));
  const errors = new Map<TargetFactory, string>();
  for (let run = 0; run < RUNS; run++) {
    for (const target of targets) {
      if (errors.has(target)) continue;
      try {
        runs.get(target)!.push(await measureOnce(target, workers));
      } catch (error) {
        // A peer that fails under load is a finding, not a reason to lose the other figures.
        errors.set(target, error instanceof Error ? error.message : String(error));
      }
    }
  }
  return targets.map((target) => {
    const result = summarise(target, workers, runs.get(target)!, errors.get(target));
    process.stderr.write(
      `  ${result.target.padEnd(28)} ${String(workers).padStart(2)} writers  ` +
        `${String(result.appendsPerSecond).padStart(7)} appends/s  p50 ${result.p50Ms} ms  ` +
        `p99 ${result.p99Ms} ms${result.error ? `  FAILED: ${result.error}` : ''}\n`,
    );
    return result;
  });
}

function ratio(ours: AppendFigures, other: AppendFigures | undefined): number | null {
  if (!other || other.error || !(other.appendsPerSecond > 0)) return null;
  return +(ours.appendsPerSecond / other.appendsPerSecond).toFixed(2);
}

function ratiosOf(results: readonly AppendFigures[]) {
  // The limit is the fastest raw baseline on the same database at the same concurrency.
  const find = (kind: TargetFactory['kind'], like: AppendFigures) =>
    results
      .filter(
        (r) =>
          r.kind === kind && !r.error && r.database === like.database && r.workers === like.workers,
      )
      .sort((a, b) => b.appendsPerSecond - a.appendsPerSecond)[0];
  return results
    .filter((r) => r.kind === 'ours')
    .map((ours) => ({
      target: ours.target,
      workers: ours.workers,
      oursOverPeer: ratio(ours, find('peer', ours)),
      oursOverRaw: ratio(ours, find('raw', ours)),
    }));
}

async function main() {
  const candidates: TargetFactory[] = [sqliteOurs, sqliteEmmett, sqliteRawBatched];
  const skipped: string[] = [];
  if (await postgresReachable())
    candidates.push(postgresOurs, postgresEmmett, postgresRaw, postgresRawBatched);
  else skipped.push('postgres: no server answered at PG_BENCH_URL / 127.0.0.1:5432');
  if (process.env.KURRENTDB_URL) candidates.push(kurrentDbOurs(process.env.KURRENTDB_URL));
  else skipped.push('kurrentdb: KURRENTDB_URL is not set');
  const only = process.env.BENCH_TARGETS?.split(',');
  const targets = candidates.filter((target) => {
    const reason = unavailableReason(target);
    if (reason) skipped.push(reason);
    return !reason && (!only || only.some((o) => target.name.includes(o)));
  });

  const results: AppendFigures[] = [];
  for (const workers of CONCURRENCY) results.push(...(await measureAt(targets, workers)));
  process.stdout.write(
    JSON.stringify({
      scenario: 'append',
      runs: RUNS,
      seconds: SECONDS,
      results,
      ratios: ratiosOf(results),
      skipped,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

/**
 * `npm run bench -- append`: appends/s and p50/p99 latency of each reachable event store
 * adapter at 1, 8 and 64 concurrent writers, next to a raw INSERT baseline on the same
 * database measured in the same run. Prints one JSON document on stdout.
 */
import { median } from '../support/stats';
import { timedLoop } from '../support/timed-loop';
import {
  kurrentDbOurs,
  postgresOurs,
  postgresRaw,
  postgresReachable,
  sqliteOurs,
  sqliteRawBatched,
  type TargetFactory,
} from './append-targets';

const RUNS = Number(process.env.BENCH_RUNS ?? '5');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '2');
const WARMUP_SECONDS = 0.5;
const CONCURRENCY = [1, 8, 64];

interface AppendFigures {
  readonly target: string;
  readonly database: TargetFactory['database'];
  readonly kind: TargetFactory['kind'];
  readonly workers: number;
  readonly runs: number;
  readonly appendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function measure(target: TargetFactory, workers: number): Promise<AppendFigures> {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const opened = await target.open(workers);
    try {
      const result = await timedLoop(workers, SECONDS, WARMUP_SECONDS, (w) => opened.append(w));
      runs.push(result);
    } finally {
      await opened.close();
    }
  }
  return {
    target: target.name,
    database: target.database,
    kind: target.kind,
    workers,
    runs: runs.length,
    appendsPerSecond: Math.round(median(runs.map((r) => r.operations / r.seconds))),
    p50Ms: +median(runs.map((r) => r.p50Ms)).toFixed(3),
    p99Ms: +median(runs.map((r) => r.p99Ms)).toFixed(3),
  };
}

async function main() {
  const targets: TargetFactory[] = [sqliteOurs, sqliteRawBatched];
  const skipped: string[] = [];
  if (await postgresReachable()) targets.push(postgresOurs, postgresRaw);
  else skipped.push('postgres: no server answered at PG_BENCH_URL / 127.0.0.1:5432');
  if (process.env.KURRENTDB_URL) targets.push(kurrentDbOurs(process.env.KURRENTDB_URL));
  else skipped.push('kurrentdb: KURRENTDB_URL is not set');

  const results: AppendFigures[] = [];
  for (const workers of CONCURRENCY) {
    for (const target of targets) {
      const result = await measure(target, workers);
      process.stderr.write(
        `  ${result.target.padEnd(28)} ${String(workers).padStart(2)} writers  ` +
          `${String(result.appendsPerSecond).padStart(7)} appends/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms\n`,
      );
      results.push(result);
    }
  }
  const ratios = results
    .filter((r) => r.kind === 'ours')
    .map((ours) => {
      const raw = results.find(
        (r) => r.kind === 'raw' && r.database === ours.database && r.workers === ours.workers,
      );
      return {
        target: ours.target,
        workers: ours.workers,
        oursOverRaw: raw ? +(ours.appendsPerSecond / raw.appendsPerSecond).toFixed(2) : null,
      };
    });
  process.stdout.write(
    JSON.stringify({ scenario: 'append', runs: RUNS, seconds: SECONDS, results, ratios, skipped }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

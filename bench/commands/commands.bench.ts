/**
 * `npm run bench -- commands`: grant-consent end to end over HTTP/1.1 keep-alive on
 * loopback. Each run starts the service in its own process on a fresh DATA_DIR (durable
 * SQLite append, as deployed), drives it from a load generator in a third process, and
 * counts the run as over only once `/ready` says every projection has caught up. Prints
 * one JSON document on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAuthorization } from '../support/bench-api-key';
import { runChildForJson, startChildService } from '../support/child-service';
import { median } from '../support/stats';
import type { LoadInput, LoadOutput } from './load-generator';

const RUNS = Number(process.env.BENCH_RUNS ?? '5');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '5');
const WARMUP_SECONDS = 1;
const CATCH_UP_TIMEOUT_SECONDS = 120;
const CONCURRENCY = (process.env.BENCH_WRITERS ?? '1,8,64').split(',').map(Number);
const SUBJECTS = Number(process.env.BENCH_COMMAND_SUBJECTS ?? '512');
/** When set, the service runs under `--cpu-prof` and writes its profiles there. */
const PROFILE_DIR = process.env.BENCH_SERVICE_CPU_PROF_DIR;

/** Service settings: as deployed, except no per-key rate limit and only warnings logged. */
function serviceEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'warn',
    READY_MAX_LAG_EVENTS: '0',
    RATE_LIMIT_REQUESTS: '10000000',
    INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
  };
}

async function runOnce(workers: number): Promise<LoadOutput> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-bench-commands-'));
  try {
    const service = await startChildService(
      join(__dirname, 'command-server.js'),
      serviceEnv(dataDir),
      120_000,
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    );
    try {
      const input: LoadInput = {
        port: service.port,
        authorization: await benchAuthorization(service, dataDir, 'commands-bench'),
        workers,
        subjects: Math.max(SUBJECTS, workers),
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        catchUpTimeoutSeconds: CATCH_UP_TIMEOUT_SECONDS,
      };
      const budgetMs = (SECONDS + WARMUP_SECONDS + 2 * CATCH_UP_TIMEOUT_SECONDS + 60) * 1000;
      return await runChildForJson<LoadOutput>(
        join(__dirname, 'load-generator.js'),
        input,
        budgetMs,
      );
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function summarise(workers: number, runs: readonly LoadOutput[]) {
  const caughtUp = runs.filter((r) => r.catchUpSeconds !== null);
  const failures: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.failures)) {
      failures[status] = (failures[status] ?? 0) + count;
    }
  }
  return {
    workers,
    runs: runs.length,
    commandsPerSecond: Math.round(median(runs.map((r) => r.commands / r.seconds))),
    /** Commands of the measured window over (window + time for the projections to catch up). */
    commandsPerSecondCaughtUp: Math.round(
      median(caughtUp.map((r) => r.commands / (r.seconds + r.catchUpSeconds!))),
    ),
    p50Ms: +median(runs.map((r) => r.p50Ms)).toFixed(3),
    p99Ms: +median(runs.map((r) => r.p99Ms)).toFixed(3),
    catchUpSeconds: +median(caughtUp.map((r) => r.catchUpSeconds!)).toFixed(3),
    runsNotCaughtUp: runs.length - caughtUp.length,
    failures,
  };
}

async function main() {
  const results = [];
  for (const workers of CONCURRENCY) {
    const runs: LoadOutput[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await runOnce(workers));
    const result = summarise(workers, runs);
    process.stderr.write(
      `  grant-consent ${String(workers).padStart(2)} clients  ` +
        `${String(result.commandsPerSecond).padStart(6)} commands/s  ` +
        `(${result.commandsPerSecondCaughtUp} incl. catch-up ${result.catchUpSeconds} s)  ` +
        `p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms` +
        `${Object.keys(result.failures).length > 0 ? `  FAILURES ${JSON.stringify(result.failures)}` : ''}\n`,
    );
    results.push(result);
  }
  process.stdout.write(
    JSON.stringify({
      scenario: 'commands',
      runs: RUNS,
      seconds: SECONDS,
      store: process.env.EVENT_STORE_URL ?? 'sqlite (DATA_DIR, synchronous=FULL)',
      subjects: SUBJECTS,
      results,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

/**
 * `npm run bench -- keepup`: do the projections keep up with the command rate the same store
 * accepts? Each run starts the service in its own process on fresh stores (PostgreSQL:
 * three fresh schemas on PG_BENCH_URL, dropped afterwards; SQLite: a fresh DATA_DIR), then
 * a load generator in a third process sends a sustained mix of consent commands from many
 * clients for BENCH_SECONDS, reading `/ready` and `/metrics` meanwhile (keepup-load.ts).
 *
 * Per projection it reports the events it committed per second of the window and the
 * keep-up ratio: events committed over events appended in the same window, 1 when its lag
 * ends the window where it began (< 1: it falls behind). With the largest lag `/ready`
 * showed and the time to reach the head once the load stops, that says whether it keeps up
 * with the rate the store accepts. Rates and ratios come from the same run; the table shows
 * medians.
 * Prints one JSON document on stdout.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { benchAuthorization } from '../support/bench-api-key';
import { runChildForJson, startChildService } from '../support/child-service';
import { median } from '../support/stats';
import type { KeepupLoadInput, KeepupLoadOutput } from './keepup-load';

const RUNS = Number(process.env.BENCH_RUNS ?? '3');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '30');
const WARMUP_SECONDS = 3;
const WORKERS = Number(process.env.BENCH_KEEPUP_WORKERS ?? '24');
const SUBJECTS = Number(process.env.BENCH_KEEPUP_SUBJECTS ?? '960');
const SAMPLE_MS = 200;
const CATCH_UP_TIMEOUT_SECONDS = 300;
const STORES = (process.env.BENCH_KEEPUP_STORES ?? 'postgres,sqlite').split(',');
const PG_URL = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** When set, the service runs under `--cpu-prof` and writes its profiles there. */
const PROFILE_DIR = process.env.BENCH_SERVICE_CPU_PROF_DIR;

type Store = 'postgres' | 'sqlite';

/** Fresh stores for one run: the service's environment for them, and how to remove them. */
function freshStores(store: Store) {
  if (store === 'sqlite') return { env: {}, remove: () => Promise.resolve() };
  const tag = `keepup_${randomBytes(5).toString('hex')}`;
  const schemas = ['events', 'read', 'keys'].map((part) => `${tag}_${part}`);
  const at = (schema: string) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    env: {
      EVENT_STORE_URL: at(schemas[0]!),
      READ_STORE_URL: at(schemas[1]!),
      KEY_STORE_URL: at(schemas[2]!),
    },
    remove: async () => {
      // For profiling a run's feed afterwards (profile-projections.ts).
      if (process.env.BENCH_KEEPUP_KEEP_SCHEMAS === '1') {
        process.stderr.write(`  kept schemas ${schemas.join(', ')}\n`);
        return;
      }
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const schema of schemas) {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        }
      } finally {
        await client.end();
      }
    },
  };
}

async function runOnce(store: Store): Promise<KeepupLoadOutput> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-bench-keepup-'));
  const stores = freshStores(store);
  try {
    const service = await startChildService(
      join(__dirname, '..', 'commands', 'command-server.js'),
      {
        ...process.env,
        ...stores.env,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'warn',
        RATE_LIMIT_REQUESTS: '10000000',
        INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
      },
      120_000,
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    );
    try {
      const input: KeepupLoadInput = {
        port: service.port,
        authorization: await benchAuthorization(service, dataDir, 'keepup-bench'),
        workers: WORKERS,
        subjects: Math.max(SUBJECTS, WORKERS),
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        sampleMs: SAMPLE_MS,
        catchUpTimeoutSeconds: CATCH_UP_TIMEOUT_SECONDS,
      };
      const budgetMs = (SECONDS + WARMUP_SECONDS + 2 * CATCH_UP_TIMEOUT_SECONDS + 60) * 1000;
      return await runChildForJson<KeepupLoadOutput>(
        join(__dirname, 'keepup-load.js'),
        input,
        budgetMs,
      );
    } finally {
      await service.stop();
    }
  } finally {
    await stores.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const med = (values: readonly number[], digits = 0) => +median(values).toFixed(digits);

function summarise(store: Store, runs: readonly KeepupLoadOutput[]) {
  const names = [...new Set(runs.flatMap((r) => r.projections.map((p) => p.name)))].sort();
  const failures: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.failures)) {
      failures[status] = (failures[status] ?? 0) + count;
    }
  }
  const caughtUp = runs.filter((r) => r.catchUpSeconds !== null);
  return {
    store,
    runs: runs.length,
    commandsPerSecond: med(runs.map((r) => r.commands / r.seconds)),
    appendedPerSecond: med(runs.map((r) => r.appendedPerSecond)),
    p50Ms: med(
      runs.map((r) => r.p50Ms),
      3,
    ),
    p99Ms: med(
      runs.map((r) => r.p99Ms),
      3,
    ),
    readyProbes: runs.reduce((sum, r) => sum + r.readyProbes, 0),
    readyNot200: runs.reduce((sum, r) => sum + r.readyNot200, 0),
    readyP99Ms: med(
      runs.map((r) => r.readyP99Ms),
      3,
    ),
    catchUpSeconds: med(
      caughtUp.map((r) => r.catchUpSeconds!),
      3,
    ),
    runsNotCaughtUp: runs.length - caughtUp.length,
    failures,
    projections: names.map((name) => {
      const figures = runs.flatMap((r) => r.projections.filter((p) => p.name === name));
      const ratios = figures.flatMap((p) => p.keepUpRatio ?? []);
      const toHead = figures.map((p) => p.secondsToHead);
      return {
        name,
        appliedPerSecond: med(figures.map((p) => p.appliedPerSecond)),
        /** Applied over appended in the same run's window, median over runs. */
        keepUpRatio: ratios.length > 0 ? med(ratios, 3) : null,
        appliedPerBusySecond: med(figures.flatMap((p) => p.appliedPerBusySecond ?? [])),
        busyFraction: med(
          figures.map((p) => p.busyFraction),
          3,
        ),
        maxLagEvents: Math.max(...figures.map((p) => p.maxLagEvents)),
        maxLagSeconds: Math.max(...figures.map((p) => p.maxLagSeconds)),
        lagEventsAtEnd: med(figures.map((p) => p.lagEventsAtEnd)),
        secondsToHead: toHead.includes(null) ? null : med(toHead as number[], 3),
      };
    }),
  };
}

async function main() {
  const results = [];
  for (const store of STORES) {
    if (store !== 'postgres' && store !== 'sqlite') throw new Error(`unknown store ${store}`);
    const runs: KeepupLoadOutput[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await runOnce(store));
    const result = summarise(store, runs);
    process.stderr.write(
      `  ${store}: ${result.commandsPerSecond} commands/s, ${result.appendedPerSecond} events/s appended; ` +
        `/ready not 200 ${result.readyNot200} of ${result.readyProbes} (p99 ${result.readyP99Ms} ms)\n`,
    );
    for (const p of result.projections) {
      process.stderr.write(
        `    ${p.name.padEnd(24)} applied ${p.appliedPerSecond}/s, keep-up ratio ${p.keepUpRatio}, ` +
          `${p.appliedPerBusySecond}/busy s, busy ${p.busyFraction}, max lag ${p.maxLagEvents} events / ` +
          `${p.maxLagSeconds} s, at head ${p.secondsToHead} s after the load\n`,
      );
    }
    results.push(result);
  }
  process.stdout.write(
    JSON.stringify({
      scenario: 'keepup',
      runs: RUNS,
      seconds: SECONDS,
      workers: WORKERS,
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

/**
 * `npm run bench -- check`: the read side's figures in one run, each the median of
 * BENCH_RUNS (default 5) runs:
 *
 *  (a) `POST /v1/checks` over HTTP/1.1 keep-alive: checks/s, p50, p99. The service runs in
 *      a child process on the embedded stores, on a loopback port; this process drives
 *      it with BENCH_CONCURRENCY (default 16) requests in flight for BENCH_SECONDS
 *      (default 2) after a warm-up;
 *  (b) the same for constant routes served by that same process (a Nest controller and a
 *      bare Fastify handler, added only for the benchmark), and the ratios;
 *  (c) checks/s calling the check query handler in-process (no HTTP), and calling the
 *      checker so that it reuses nothing (as when events arrive between checks);
 *  (d) `Projector.rebuild` events/s of consent_state and flow_windows over BENCH_EVENTS
 *      (default 1M) subject events;
 *  (e) the RSS of a process that rebuilt consent_state for BENCH_RSS_SUBJECTS (default 1M)
 *      subjects and answered checks from it.
 *
 * Checks ask about BENCH_CHECK_SUBJECTS (default 10k) subjects with four events each.
 * BENCH_CPU_PROF=1 writes a --cpu-prof profile of the HTTP server to bench/results/profiles/.
 * Prints one JSON document on stdout; progress goes to stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchScript, runChild } from '../rebuild/child-process';
import { measureRebuildSection } from '../rebuild/rebuild-section';
import { EVENTS_PER_SUBJECT, rebuildSettings } from '../rebuild/rebuild-settings';
import { seedLog } from '../rebuild/seed-log';
import type { LoopResult } from '../support/timed-loop';
import { checkQuestions } from './check-questions';
import { httpFigures, type HttpTargetFigures } from './http-figures';
import { loopFigures } from './loop-figures';

const WARMUP_SECONDS = 0.5;

const settings = {
  ...rebuildSettings(process.env),
  seconds: Number(process.env.BENCH_SECONDS ?? '2'),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? '16'),
  checkSubjects: Number(process.env.BENCH_CHECK_SUBJECTS ?? '10000'),
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-check-'));
  try {
    const dataDir = join(dir, 'service');
    process.stderr.write(`  seeding ${settings.checkSubjects} subjects for the checks\n`);
    const seeded = await seedLog(join(dataDir, 'events.sqlite'), {
      tenantId: 'default',
      events: settings.checkSubjects * EVENTS_PER_SUBJECT,
      eventsPerSubject: EVENTS_PER_SUBJECT,
    });
    const questions = checkQuestions(seeded.subjectIds);
    const subjectsFile = join(dir, 'subjects.json');
    writeFileSync(subjectsFile, JSON.stringify(seeded.subjectIds));

    process.stderr.write(`  (a, b) HTTP, ${settings.concurrency} requests in flight:\n`);
    const cpuProfileDir = process.env.BENCH_CPU_PROF === '1' ? profileDir() : undefined;
    const http = await httpFigures({
      dataDir,
      bodies: questions.map((question) => JSON.stringify(question)),
      runs: settings.runs,
      seconds: settings.seconds,
      warmupSeconds: WARMUP_SECONDS,
      concurrency: settings.concurrency,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
    });

    process.stderr.write('  (c) in-process checks\n');
    const inProcess = await runChild<{ runs: LoopResult[]; uncachedRuns: LoopResult[] }>(
      benchScript(__dirname, 'in-process-checks'),
      {
        env: {
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          SEED_EXAMPLE_POLICY: 'false',
          BENCH_SUBJECTS_FILE: subjectsFile,
          BENCH_RUNS: String(settings.runs),
          BENCH_SECONDS: String(settings.seconds),
          BENCH_WARMUP_SECONDS: String(WARMUP_SECONDS),
        },
      },
    );

    process.stderr.write('  (d, e) rebuilds and memory\n');
    const rebuild = await measureRebuildSection(settings, dir);
    const figures = {
      scenario: 'check',
      settings,
      http,
      ratios: ratiosOf(http),
      inProcess: {
        handler: { concurrency: 1, ...loopFigures(inProcess.runs) },
        checkerWithoutReuse: { concurrency: 1, ...loopFigures(inProcess.uncachedRuns) },
      },
      ...rebuild,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
    };
    process.stdout.write(JSON.stringify(figures));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ratiosOf(http: readonly HttpTargetFigures[]) {
  const rate = (target: string) => http.find((h) => h.target === target)?.perSecond ?? NaN;
  const check = rate('check');
  return {
    checkOverConstantNestRoute: +(check / rate('constant Nest route')).toFixed(2),
    checkOverConstantFastifyRoute: +(check / rate('constant Fastify route')).toFixed(2),
  };
}

/** Relative to the working directory: `npm run bench` runs in the project's root. */
function profileDir(): string {
  const dir = resolve('bench', 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  return dir;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

/**
 * `npm run bench -- overload`: finds the knee of the command mix (three grant-consent
 * commands to one check) on SQLite, then offers three times that for a while and shows what
 * load shedding does with the excess (ADR 0024): 503/429 answers and how fast they come,
 * /health and /ready latency, the service's memory, and how soon the full rate is back. The
 * same overload is then offered to the service with LOAD_SHEDDING=false, for comparison.
 * Each run starts the service in its own process on a fresh DATA_DIR. Prints one JSON
 * document on stdout.
 *
 * BENCH_OVERLOAD_SECONDS (default 20): how long the overload lasts.
 * BENCH_OVERLOAD_KNEE: skip the search and take this rate (requests/s) as the knee.
 * BENCH_OVERLOAD_START_RATE (default 100): where the search starts; each step offers 20% more.
 * BENCH_OVERLOAD_UNPROTECTED=false: skip the comparison run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAuthorization } from '../support/bench-api-key';
import { startChildService, type ChildService } from '../support/child-service';
import { commandMix, registerSubjects, waitUntilReady } from './command-mix';
import { findKnee, runOverload, type OverloadFigures } from './overload-driver';

const OVERLOAD_SECONDS = Number(process.env.BENCH_OVERLOAD_SECONDS ?? '20');
const RECOVERY_SECONDS = 10;
const OVERLOAD_FACTOR = 3;
const SUBJECTS = 1024;
const GIVEN_KNEE = process.env.BENCH_OVERLOAD_KNEE;
const START_RATE = Number(process.env.BENCH_OVERLOAD_START_RATE ?? '100');
const UNPROTECTED = process.env.BENCH_OVERLOAD_UNPROTECTED !== 'false';

/** As deployed (durable SQLite, default limits), except no per-key rate limit and warnings only. */
function serviceEnv(dataDir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_REQUESTS: '10000000',
    INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
    ...extra,
  };
}

/** Runs `body` against a fresh service with its app key and registered subjects. */
async function withService<T>(
  extraEnv: NodeJS.ProcessEnv,
  body: (target: {
    baseUrl: string;
    probeBaseUrl: string;
    authorization: string | undefined;
    subjects: string[];
  }) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-bench-overload-'));
  let service: ChildService | undefined;
  try {
    const probePort = await freePort();
    service = await startChildService(
      join(__dirname, 'overload-server.js'),
      serviceEnv(dataDir, { PROBE_PORT: String(probePort), ...extraEnv }),
    );
    const baseUrl = `http://127.0.0.1:${service.port}`;
    const probeBaseUrl = `http://127.0.0.1:${probePort}`;
    const authorization = await benchAuthorization(service, dataDir, 'overload-bench');
    const subjects = await registerSubjects(baseUrl, authorization, SUBJECTS);
    // Starts from rest: the projections have applied the registrations.
    await waitUntilReady(baseUrl);
    return await body({ baseUrl, probeBaseUrl, authorization, subjects });
  } finally {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function describe(label: string, figures: OverloadFigures): void {
  const o = figures.overload;
  const r = figures.recovery;
  process.stderr.write(
    `  ${label}: offered ${o.offeredPerSecond}/s for ${o.seconds} s: ${o.okPerSecond}/s 2xx ` +
      `(p50 ${o.okLatency.p50Ms} ms, p99 ${o.okLatency.p99Ms} ms), ${o.shed503} × 503, ${o.shed429} × 429 ` +
      `(p99 ${o.shedLatency.p99Ms} ms, max ${o.shedLatency.maxMs} ms), other ${JSON.stringify(o.other)}; ` +
      `client send lag p99 ${o.sendLag.p99Ms} ms\n` +
      `    probe port: /health p99 ${figures.health.p99Ms} ms (max ${figures.health.maxMs} ms, ${JSON.stringify(figures.health.statuses)}), ` +
      `/ready p99 ${figures.ready.p99Ms} ms (max ${figures.ready.maxMs} ms); main port: /health ` +
      `p99 ${figures.mainPortHealth?.p99Ms} ms (max ${figures.mainPortHealth?.maxMs} ms, ${JSON.stringify(figures.mainPortHealth?.statuses)})\n` +
      `    RSS ${figures.rssMiB.before} MiB before, ${figures.rssMiB.firstQuarterMax} → ${figures.rssMiB.lastQuarterMax} MiB ` +
      `(first → last quarter), max ${figures.rssMiB.maxDuringOverload}, ${figures.rssMiB.afterRecovery} after\n` +
      `    recovery at ${r.offeredPerSecond}/s: full rate after ${r.secondsToFullRate ?? 'never'} s, ` +
      `${r.okPerSecond}/s 2xx (p99 ${r.okLatency.p99Ms} ms)\n` +
      `    peak in flight ${JSON.stringify(figures.peakInFlight)}, queued ${JSON.stringify(figures.peakQueued)}, ` +
      `lowest limit ${JSON.stringify(figures.lowestLimit)}\n`,
  );
}

async function main(): Promise<void> {
  const knee = await withService({}, async ({ baseUrl, authorization, subjects }) => {
    if (GIVEN_KNEE !== undefined) return { rate: Number(GIVEN_KNEE), steps: [] };
    const found = await findKnee({
      baseUrl,
      requests: commandMix(subjects, authorization),
      startRate: START_RATE,
    });
    for (const step of found.steps) {
      process.stderr.write(
        `  knee search: ${step.rate}/s → ${step.okPerSecond}/s 2xx (${(step.okRatio * 100).toFixed(2)}%), ` +
          `p99 ${step.okP99Ms} ms, client send lag p99 ${step.sendLagP99Ms} ms, caught up in ${step.catchUpSeconds ?? '–'} s ` +
          `${step.passed ? 'ok' : 'FAILED'}\n`,
      );
    }
    return found;
  });
  if (knee.rate === 0) throw new Error('no rate passed the knee search');
  process.stderr.write(`  knee: ${knee.rate} requests/s\n`);

  const rate = knee.rate * OVERLOAD_FACTOR;
  const overload = (extraEnv: NodeJS.ProcessEnv) =>
    withService(extraEnv, ({ baseUrl, probeBaseUrl, authorization, subjects }) =>
      runOverload({
        baseUrl,
        probeBaseUrl,
        rate,
        durationSeconds: OVERLOAD_SECONDS,
        recoveryRate: knee.rate,
        recoverySeconds: RECOVERY_SECONDS,
        authorization,
        subjects,
      }),
    );
  const shedding = await overload({});
  describe('load shedding', shedding);
  const unprotected = UNPROTECTED ? await overload({ LOAD_SHEDDING: 'false' }) : undefined;
  if (unprotected) describe('LOAD_SHEDDING=false', unprotected);

  process.stdout.write(
    JSON.stringify({
      scenario: 'overload',
      store: 'sqlite (DATA_DIR, synchronous=FULL)',
      mix: '3 POST /v1/subjects/{id}/grants : 1 POST /v1/checks, open loop, 10 s client timeout',
      subjects: SUBJECTS,
      /** One-minute load average when the run ended: other work on the machine colours the figures. */
      loadAverage: loadavg()[0],
      knee,
      overloadFactor: OVERLOAD_FACTOR,
      shedding,
      ...(unprotected ? { unprotected } : {}),
    }),
  );
}

/** A loopback port nothing listens on now (the service binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

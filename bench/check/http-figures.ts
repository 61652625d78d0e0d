import { once } from 'node:events';
import { join } from 'node:path';
import { benchScript, startChild } from '../rebuild/child-process';
import { timedLoop, type LoopResult } from '../support/timed-loop';
import { cycle } from './check-questions';
import { CONSTANT_ROUTE, RAW_CONSTANT_ROUTE } from './constant-route.module';
import { LoopbackClient } from '../support/http-client';
import { loopFigures, type LoopFigures } from './loop-figures';

export interface HttpSettings {
  readonly dataDir: string;
  /** JSON bodies of `POST /v1/checks`, cycled through; the constant routes get the same. */
  readonly bodies: readonly string[];
  readonly runs: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly concurrency: number;
  /** Where the server writes a `--cpu-prof` profile, if anywhere. */
  readonly cpuProfileDir?: string;
}

export interface HttpTargetFigures extends LoopFigures {
  readonly target: string;
  readonly route: string;
  readonly concurrency: number;
}

const TARGETS = [
  { target: 'check', route: '/v1/checks' },
  { target: 'constant Nest route', route: CONSTANT_ROUTE },
  { target: 'constant Fastify route', route: RAW_CONSTANT_ROUTE },
] as const;

/**
 * Requests per second and latency of `POST /v1/checks` and of the constant routes, served
 * by one service process (a child, on the embedded stores, on a loopback port) and driven
 * from this process over keep-alive connections, `concurrency` requests in flight. The
 * targets take turns within each run, so drift on the machine touches them alike.
 */
export async function httpFigures(settings: HttpSettings): Promise<HttpTargetFigures[]> {
  const server = startChild(benchScript(__dirname, 'check-server'), {
    ipc: true,
    env: {
      DATA_DIR: settings.dataDir,
      // One log line per request would be measured too; warnings still show.
      LOG_LEVEL: 'warn',
      SEED_EXAMPLE_POLICY: 'false',
      BENCH_CONSTANT_ROUTE: '1',
      INITIAL_ADMIN_KEY_FILE: join(settings.dataDir, 'initial-admin.key'),
      // The benchmark is one caller asking far more than a real app should.
      RATE_LIMIT_REQUESTS: '10000000',
    },
    nodeFlags: settings.cpuProfileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDir}`]
      : [],
  });
  server.stdout!.resume();
  const exited = once(server, 'exit');
  const [ready] = (await Promise.race([
    once(server, 'message'),
    exited.then(([code]) => {
      throw new Error(`the benchmark server exited with ${String(code)} before listening`);
    }),
  ])) as [{ port: number; authorization: string }];
  const client = new LoopbackClient(ready.port, settings.concurrency, {
    authorization: ready.authorization,
  });
  try {
    for (const { route } of TARGETS) await expectOk(client, route, settings.bodies[0]!);
    const runs = new Map<string, LoopResult[]>(TARGETS.map((t) => [t.target, []]));
    for (let run = 0; run < settings.runs; run++) {
      for (const { target, route } of TARGETS) {
        const next = cycle(settings.bodies);
        const result = await timedLoop(
          settings.concurrency,
          settings.seconds,
          settings.warmupSeconds,
          async () => {
            const response = await client.postJson(route, next());
            if (response.status !== 200) {
              throw new Error(`${route} answered ${response.status}: ${response.body}`);
            }
          },
        );
        runs.get(target)!.push(result);
        process.stderr.write(
          `    run ${run + 1} ${target.padEnd(24)} ${Math.round(result.operations / result.seconds)} requests/s\n`,
        );
      }
    }
    return TARGETS.map(({ target, route }) => ({
      target,
      route,
      concurrency: settings.concurrency,
      ...loopFigures(runs.get(target)!),
    }));
  } finally {
    client.close();
    server.send('stop');
    await exited;
  }
}

async function expectOk(client: LoopbackClient, route: string, body: string): Promise<void> {
  const response = await client.postJson(route, body);
  if (response.status !== 200) {
    throw new Error(`${route} answered ${response.status}: ${response.body}`);
  }
}

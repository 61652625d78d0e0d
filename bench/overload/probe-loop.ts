/**
 * Orchestrator probes in their own process, so their latency is the service's and not that
 * of a load generator busy with thousands of requests: GET /health and GET /ready at fixed
 * rates, open loop, on their own connections. Forked by `runProbes`; prints its figures as
 * JSON on stdout.
 */
import { extname, join } from 'node:path';
import { runChildForJson } from '../support/child-service';
import { OpenLoop } from './open-loop';
import { type ProbeFigures, probeFigures } from './outcome-figures';

interface ProbeInput {
  readonly baseUrl: string;
  readonly seconds: number;
  readonly timeoutMs: number;
}

export interface ProbesFigures {
  readonly health: ProbeFigures;
  readonly ready: ProbeFigures;
}

const HEALTH_PER_SECOND = 20;
const READY_PER_SECOND = 5;

/** Probes `baseUrl` for `seconds` from a child process. */
export function runProbes(
  baseUrl: string,
  seconds: number,
  timeoutMs: number,
): Promise<ProbesFigures> {
  // Run as the caller runs: compiled JavaScript, or TypeScript through its loader.
  const script = join(__dirname, `probe-loop${extname(__filename)}`);
  const input: ProbeInput = { baseUrl, seconds, timeoutMs };
  return runChildForJson<ProbesFigures>(
    script,
    input,
    (seconds + 60) * 1000 + timeoutMs,
    process.execArgv,
  );
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as ProbeInput;
  const probes = new OpenLoop(input.baseUrl, 8, input.timeoutMs);
  try {
    const [health, ready] = await Promise.all([
      probes.run(HEALTH_PER_SECOND, input.seconds, () => ({ method: 'GET', path: '/health' })),
      probes.run(READY_PER_SECOND, input.seconds, () => ({ method: 'GET', path: '/ready' })),
    ]);
    const figures: ProbesFigures = { health: probeFigures(health), ready: probeFigures(ready) };
    process.stdout.write(JSON.stringify(figures));
  } finally {
    probes.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

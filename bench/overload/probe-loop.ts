/**
 * Orchestrator probes in their own process, so their latency is the service's and not that
 * of a load generator busy with thousands of requests: GET requests at fixed rates, open loop,
 * each on a new connection as the kubelet makes them. Forked by `runProbes`; prints its
 * figures as JSON on stdout.
 */
import { extname, join } from 'node:path';
import { runChildForJson } from '../support/child-service';
import { OpenLoop } from './open-loop';
import { type ProbeFigures, probeFigures } from './outcome-figures';

/** One kind of probe: GET `url` `perSecond` times a second. */
export interface ProbeTarget {
  readonly label: string;
  readonly url: string;
  readonly perSecond: number;
}

interface ProbeInput {
  readonly targets: readonly ProbeTarget[];
  readonly seconds: number;
  readonly timeoutMs: number;
}

/** Probes every target for `seconds` from a child process; figures by label. */
export function runProbes(
  targets: readonly ProbeTarget[],
  seconds: number,
  timeoutMs: number,
): Promise<Record<string, ProbeFigures>> {
  // Run as the caller runs: compiled JavaScript, or TypeScript through its loader.
  const script = join(__dirname, `probe-loop${extname(__filename)}`);
  const input: ProbeInput = { targets, seconds, timeoutMs };
  return runChildForJson(script, input, (seconds + 60) * 1000 + timeoutMs, process.execArgv);
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as ProbeInput;
  const loops = input.targets.map((target) => {
    const url = new URL(target.url);
    return {
      target,
      path: url.pathname,
      loop: new OpenLoop(url.origin, 64, input.timeoutMs, false),
    };
  });
  try {
    const outcomes = await Promise.all(
      loops.map(({ target, path, loop }) =>
        loop.run(target.perSecond, input.seconds, () => ({ method: 'GET', path })),
      ),
    );
    const figures = Object.fromEntries(
      loops.map(({ target }, i) => [target.label, probeFigures(outcomes[i]!)]),
    );
    process.stdout.write(JSON.stringify(figures));
  } finally {
    for (const { loop } of loops) loop.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

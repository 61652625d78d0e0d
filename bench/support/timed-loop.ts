import { LatencySample } from './stats';

export interface LoopResult {
  readonly operations: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Runs `workers` concurrent loops of `operation` for `seconds` after a warm-up, and
 * measures the rate and each operation's latency. Each worker awaits its own operation
 * before starting the next, so `workers` is the number of requests in flight.
 */
export async function timedLoop(
  workers: number,
  seconds: number,
  warmupSeconds: number,
  operation: (worker: number) => Promise<unknown>,
): Promise<LoopResult> {
  const sample = new LatencySample();
  let measuring = false;
  let stop = false;

  const loop = async (worker: number) => {
    while (!stop) {
      const t0 = process.hrtime.bigint();
      await operation(worker);
      if (measuring && !stop) sample.add(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  const running = Array.from({ length: workers }, (_, i) => loop(i));
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  measuring = true;
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  stop = true;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(running);
  return {
    operations: sample.count,
    seconds: elapsed,
    p50Ms: sample.percentile(50),
    p99Ms: sample.percentile(99),
  };
}

import { LatencySample } from '../support/stats';
import type { LoopResult } from '../support/timed-loop';

/**
 * Runs `operation` back to back for `seconds` after a warm-up, watching the clock itself.
 * For work that never waits on I/O (SQLite answers synchronously, so an in-process check
 * resolves in microtasks): a timer would never get its turn to end the loop.
 */
export async function sequentialLoop(
  seconds: number,
  warmupSeconds: number,
  operation: () => Promise<unknown>,
): Promise<LoopResult> {
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const warmupEnd = now() + warmupSeconds * 1000;
  while (now() < warmupEnd) await operation();
  const sample = new LatencySample();
  const started = now();
  const end = started + seconds * 1000;
  for (let t0 = started; t0 < end;) {
    await operation();
    const t1 = now();
    sample.add(t1 - t0);
    t0 = t1;
  }
  return {
    operations: sample.count,
    seconds: (now() - started) / 1000,
    p50Ms: sample.percentile(50),
    p99Ms: sample.percentile(99),
  };
}

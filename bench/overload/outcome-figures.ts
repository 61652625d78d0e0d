import { percentile } from '../support/stats';
import { CONNECTION_FAILED, type Outcome, TIMED_OUT } from './open-loop';

export interface LatencyFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface ProbeFigures extends LatencyFigures {
  readonly count: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** A status as a report key: the number, or `timeout` / `connection-failed`. */
export function statusKey(status: number): string {
  if (status === TIMED_OUT) return 'timeout';
  if (status === CONNECTION_FAILED) return 'connection-failed';
  return String(status);
}

export function latencyFigures(values: readonly number[]): LatencyFigures {
  if (values.length === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  return {
    p50Ms: round(percentile(values, 50), 1),
    p99Ms: round(percentile(values, 99), 1),
    maxMs: round(
      values.reduce((a, b) => Math.max(a, b), 0),
      1,
    ),
  };
}

/** Latency of every probe, whatever it answered, and how many answered what. */
export function probeFigures(outcomes: readonly Outcome[]): ProbeFigures {
  const statuses: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = statusKey(outcome.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return { count: outcomes.length, ...latencyFigures(outcomes.map((o) => o.latencyMs)), statuses };
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

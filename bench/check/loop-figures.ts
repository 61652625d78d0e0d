import { median } from '../support/stats';
import type { LoopResult } from '../support/timed-loop';

export interface LoopFigures {
  readonly runs: number;
  /** Medians over the runs. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Each run's rate, to show the spread. */
  readonly perSecondByRun: number[];
}

export function loopFigures(runs: readonly LoopResult[]): LoopFigures {
  const rates = runs.map((r) => Math.round(r.operations / r.seconds));
  return {
    runs: runs.length,
    perSecond: Math.round(median(rates)),
    p50Ms: +median(runs.map((r) => r.p50Ms)).toFixed(3),
    p99Ms: +median(runs.map((r) => r.p99Ms)).toFixed(3),
    perSecondByRun: rates,
  };
}

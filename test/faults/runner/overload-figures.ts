import type { OverloadFigures } from '../../../bench/overload/overload-driver';
import type { Figures } from './fault-scenario';

interface OverloadResult {
  readonly loadAverage: number;
  readonly knee: { readonly rate: number };
  readonly overloadFactor: number;
  readonly shedding: OverloadFigures;
}

/** The overload benchmark's JSON (its stdout) as the fault run's figures. */
export function overloadFiguresOf(stdout: string): Figures[] {
  const result = JSON.parse(stdout) as OverloadResult;
  const { overload, recovery, health, mainPortHealth, ready, rssMiB } = result.shedding;
  return [
    {
      kneePerSecond: result.knee.rate,
      offeredPerSecond: overload.offeredPerSecond,
      overloadSeconds: overload.seconds,
      okPerSecond: overload.okPerSecond,
      okP50Ms: overload.okLatency.p50Ms,
      okP99Ms: overload.okLatency.p99Ms,
      shed503: overload.shed503,
      shed429: overload.shed429,
      shedP50Ms: overload.shedLatency.p50Ms,
      shedP99Ms: overload.shedLatency.p99Ms,
      shedMaxMs: overload.shedLatency.maxMs,
      otherOutcomes: overload.other,
      healthP99Ms: health.p99Ms,
      healthMaxMs: health.maxMs,
      mainPortHealthP99Ms: mainPortHealth?.p99Ms,
      readyP99Ms: ready.p99Ms,
      rssStartMiB: rssMiB.before,
      rssFirstQuarterMiB: rssMiB.firstQuarterMax,
      rssLastQuarterMiB: rssMiB.lastQuarterMax,
      rssPeakMiB: rssMiB.maxDuringOverload,
      rssEndMiB: rssMiB.afterRecovery,
      secondsToFullRate: recovery.secondsToFullRate,
      loadAverageAtEnd: result.loadAverage,
    },
  ];
}

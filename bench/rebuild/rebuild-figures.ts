import { join } from 'node:path';
import { median } from '../support/stats';
import { benchScript, runChild } from './child-process';
import type { RssFigures } from './measure-rss';
import type { RebuildTiming } from './time-rebuilds';

const WORKER = benchScript(__dirname, 'rebuild-worker');

export interface SeedFigures {
  readonly events: number;
  readonly subjects: number;
  readonly seconds: number;
}

export interface ProjectionRebuildFigures {
  readonly projection: string;
  readonly runs: number;
  readonly events: number;
  /** Medians over the runs. */
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly eventsPerSecondByRun: number[];
}

export interface PeakRssFigures {
  /** Subjects whose state the process held: the N asked for (BENCH_RSS_SUBJECTS). */
  readonly subjects: number;
  readonly events: number;
  readonly runs: number;
  readonly checksAfterRebuild: number;
  /** Medians over the runs, each a fresh process. */
  readonly baselineRssMiB: number;
  readonly rssMiB: number;
  readonly peakRssMiB: number;
  readonly heapUsedMiB: number;
  readonly rebuildEventsPerSecond: number;
  readonly peakRssMiBByRun: number[];
}

/** Seeds a log in a child process: `events` subject events, `perSubject` per subject. */
export function seedInChild(
  path: string,
  events: number,
  perSubject: number,
): Promise<SeedFigures> {
  return runChild<SeedFigures>(WORKER, {
    args: ['seed', path, String(events), String(perSubject)],
  });
}

/** `Projector.rebuild` of consent_state and flow_windows, `runs` times each, in one child. */
export async function rebuildFigures(
  eventsPath: string,
  dir: string,
  runs: number,
): Promise<ProjectionRebuildFigures[]> {
  const timings = await runChild<RebuildTiming[]>(WORKER, {
    args: ['rebuild', eventsPath, join(dir, 'rebuild-read.sqlite'), String(runs)],
  });
  const names = [...new Set(timings.map((t) => t.projection))];
  return names.map((projection) => {
    const mine = timings.filter((t) => t.projection === projection);
    const rates = mine.map((t) => Math.round(t.events / t.seconds));
    return {
      projection,
      runs: mine.length,
      events: mine[0]?.events ?? 0,
      seconds: +median(mine.map((t) => t.seconds)).toFixed(2),
      eventsPerSecond: Math.round(median(rates)),
      eventsPerSecondByRun: rates,
    };
  });
}

/** Peak RSS of `runs` fresh processes, each rebuilding consent_state over the log. */
export async function peakRssFigures(
  eventsPath: string,
  dir: string,
  runs: number,
  checks: number,
): Promise<PeakRssFigures> {
  const results: RssFigures[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await runChild<RssFigures>(WORKER, {
      args: ['rss', eventsPath, join(dir, 'rss-read.sqlite'), String(checks)],
    });
    process.stderr.write(
      `    run ${run + 1}: ${result.subjects} subjects, rss ${result.rssMiB} MiB, peak ${result.peakRssMiB} MiB\n`,
    );
    results.push(result);
  }
  return {
    subjects: results[0]?.subjects ?? 0,
    events: results[0]?.events ?? 0,
    runs,
    checksAfterRebuild: results[0]?.checks ?? 0,
    baselineRssMiB: median(results.map((r) => r.baselineRssMiB)),
    rssMiB: median(results.map((r) => r.rssMiB)),
    peakRssMiB: median(results.map((r) => r.peakRssMiB)),
    heapUsedMiB: median(results.map((r) => r.heapUsedMiB)),
    rebuildEventsPerSecond: Math.round(median(results.map((r) => r.events / r.rebuildSeconds))),
    peakRssMiBByRun: results.map((r) => r.peakRssMiB),
  };
}

import { join } from 'node:path';
import {
  peakRssFigures,
  rebuildFigures,
  seedInChild,
  type PeakRssFigures,
  type ProjectionRebuildFigures,
  type SeedFigures,
} from './rebuild-figures';
import { EVENTS_PER_SUBJECT, type RebuildSettings } from './rebuild-settings';

export interface RebuildSection {
  readonly seeded: { readonly rebuildLog: SeedFigures; readonly rssLog: SeedFigures };
  /** (d) `Projector.rebuild` over BENCH_EVENTS subject events. */
  readonly rebuild: ProjectionRebuildFigures[];
  /** (e) memory with BENCH_RSS_SUBJECTS subjects' consent state. */
  readonly peakRss: PeakRssFigures;
}

/**
 * Seeds two logs in `dir` (both at once, in two processes: the seeding is not measured),
 * then times the rebuilds over the first and measures memory over the second.
 */
export async function measureRebuildSection(
  settings: RebuildSettings,
  dir: string,
): Promise<RebuildSection> {
  const rebuildLog = join(dir, 'rebuild-events.sqlite');
  const rssLog = join(dir, 'rss-events.sqlite');
  process.stderr.write(
    `  seeding ${settings.events} events (${EVENTS_PER_SUBJECT} per subject) and ${settings.rssSubjects} subjects\n`,
  );
  const [rebuildSeed, rssSeed] = await Promise.all([
    seedInChild(rebuildLog, settings.events, EVENTS_PER_SUBJECT),
    seedInChild(rssLog, settings.rssSubjects, 1),
  ]);
  process.stderr.write(`  rebuilds over ${rebuildSeed.events} events, ${settings.runs} runs:\n`);
  const rebuild = await rebuildFigures(rebuildLog, dir, settings.runs);
  process.stderr.write(`  memory with ${rssSeed.subjects} subjects, ${settings.runs} runs:\n`);
  const peakRss = await peakRssFigures(rssLog, dir, settings.runs, settings.rssChecks);
  return { seeded: { rebuildLog: rebuildSeed, rssLog: rssSeed }, rebuild, peakRss };
}

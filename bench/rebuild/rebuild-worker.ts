/**
 * Child process of the rebuild measurements, one task per process so each has its own
 * heap (and its own peak RSS). Prints one JSON document on stdout.
 *
 *   seed <events.sqlite> <events> <eventsPerSubject>   → SeededLog without the ids
 *   rebuild <events.sqlite> <read.sqlite> <runs>       → RebuildTiming[] (both projections)
 *   rss <events.sqlite> <read.sqlite> <checks>         → RssFigures (consent_state)
 */
import { rmSync } from 'node:fs';
import { ConsentStateProjection } from '../../src/read-side/projections/consent-state.projection';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';
import { measureRss } from './measure-rss';
import { seedLog } from './seed-log';
import { timeRebuilds } from './time-rebuilds';

const TENANT = 'default';

async function main(): Promise<unknown> {
  const [task, eventsPath, second, third] = process.argv.slice(2);
  switch (task) {
    case 'seed': {
      const seeded = await seedLog(eventsPath!, {
        tenantId: TENANT,
        events: Number(second),
        eventsPerSubject: Number(third),
      });
      return { events: seeded.events, subjects: seeded.subjectIds.length, seconds: seeded.seconds };
    }
    case 'rebuild': {
      removeDatabase(second!);
      const projections = [new ConsentStateProjection(), new FlowWindowsProjection()];
      return timeRebuilds(eventsPath!, second!, projections, Number(third), (timing) => {
        process.stderr.write(
          `    ${timing.projection.padEnd(14)} ${timing.events} events in ${timing.seconds.toFixed(1)} s` +
            ` (${Math.round(timing.events / timing.seconds)} events/s)\n`,
        );
      });
    }
    case 'rss':
      removeDatabase(second!);
      return measureRss(eventsPath!, second!, TENANT, Number(third));
    default:
      throw new Error(`unknown task ${task}`);
  }
}

/** Each measurement starts from an empty read store, as a first rebuild would. */
function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { Projection } from '../../src/projections/projection';
import { Projector } from '../../src/projections/projector';
import { openSqliteReadStore } from '../../src/read-store/sqlite/sqlite-read-store';

export interface RebuildTiming {
  readonly projection: string;
  readonly events: number;
  readonly seconds: number;
}

/**
 * Rebuilds each projection `runs` times over the event store at `eventsPath` into a read
 * store at `readPath`, timing `Projector.rebuild` alone: drop, set up, replay to the head.
 * The projector is never started, so nothing else runs meanwhile.
 */
export async function timeRebuilds(
  eventsPath: string,
  readPath: string,
  projections: readonly Projection[],
  runs: number,
  onRun: (timing: RebuildTiming) => void = () => undefined,
): Promise<RebuildTiming[]> {
  const eventStore = await openSqliteEventStore({ path: eventsPath });
  const readStore = await openSqliteReadStore({ path: readPath });
  const applied = new Map<string, number>();
  const projector = new Projector({
    eventStore,
    readStore,
    projections,
    settings: {
      onProgress: (name, _position, events) => {
        applied.set(name, (applied.get(name) ?? 0) + events);
      },
    },
  });
  const timings: RebuildTiming[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      for (const { name } of projections) {
        applied.set(name, 0);
        const started = process.hrtime.bigint();
        await projector.rebuild(name);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const timing = { projection: name, events: applied.get(name) ?? 0, seconds };
        timings.push(timing);
        onRun(timing);
      }
    }
  } finally {
    await projector.stop();
    await readStore.close();
    await eventStore.close();
  }
  return timings;
}

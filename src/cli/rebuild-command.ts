import type { INestApplicationContext } from '@nestjs/common';
import { START, type EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store';
import { UnknownProjectionError, ProjectorHost } from '../projections';
import { RebuildProgress } from './rebuild-progress';

/**
 * `consent-ledger rebuild [projection…]`: drops each named projection (all by default)
 * and replays the whole log into it, one after the other, with a progress bar; prints a
 * line per projection with the events applied and the rate.
 */
export async function rebuildProjections(
  app: INestApplicationContext,
  requested: readonly string[],
  print: (line: string) => void,
): Promise<void> {
  const host = app.get(ProjectorHost);
  const eventStore = app.get<EventStore>(EVENT_STORE);
  const known = host.states().map((state) => state.name);
  const unknown = requested.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new UnknownProjectionError(unknown);
  for (const name of requested.length > 0 ? requested : known) {
    const head = await eventStore.headPosition();
    const progress = new RebuildProgress(name, head);
    const started = process.hrtime.bigint();
    let applied = 0;
    try {
      await host.rebuild(
        name,
        (position, events) => {
          // The rebuild starts by resetting the projection to the start of the log.
          applied = position === START && events === 0 ? 0 : applied + events;
          progress.update(position, applied);
        },
        // The other projections' catch-up would compete with the rebuild for the CPU and
        // the store's writer; they resume afterwards.
        { alone: true },
      );
    } finally {
      progress.stop();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const position = host.states().find((state) => state.name === name)?.position ?? START;
    print(
      `${name}: rebuilt ${applied} events to position ${position} in ${seconds.toFixed(2)} s (${Math.round(applied / Math.max(seconds, 1e-9))} events/s)`,
    );
  }
}

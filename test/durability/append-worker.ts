/**
 * Child process for the durability test: appends from several concurrent writers as
 * fast as it can and prints one line per *acknowledged* append. The parent kills it
 * with SIGKILL at a random moment and checks that every acknowledged event survived.
 *
 * env: STORE=sqlite|postgres, SQLITE_PATH, PG_URL, PG_SCHEMA, RUN (a label), WRITERS.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

async function open(): Promise<EventStore> {
  if (process.env.STORE === 'postgres') {
    return openPostgresEventStore({
      connectionString: process.env.PG_URL!,
      schema: process.env.PG_SCHEMA!,
    });
  }
  return openSqliteEventStore({ path: process.env.SQLITE_PATH! });
}

async function writer(store: EventStore, streamName: string): Promise<never> {
  let revision: number | 'no_stream' = 'no_stream';
  for (;;) {
    const size = 1 + Math.floor(Math.random() * 3);
    const events = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      type: 'durability-probe',
      data: { run: process.env.RUN ?? '', index: i, text: 'ünïcødé ✈' },
    }));
    const result = await store.append(streamName, events, revision);
    // One line per acknowledged event, written synchronously before the next append.
    process.stdout.write(
      events
        .map((e, i) => `ack ${e.id} ${streamName} ${result.nextExpectedRevision - size + 1 + i}\n`)
        .join(''),
    );
    revision = result.nextExpectedRevision;
  }
}

async function main(): Promise<void> {
  const store = await open();
  const writers = Number(process.env.WRITERS ?? '8');
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: writers }, () => writer(store, `probe-${randomUUID()}`)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';

const PAGE = 1000;

/** Every event of the store's global feed, in order, read a page at a time. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: all.at(-1)?.globalPosition, maxCount: PAGE });
    all.push(...batch);
    if (batch.length < PAGE) return all;
  }
}

import type { EventStore, GlobalPosition } from '../event-store/event-store.port';

export interface Lag {
  readonly lagEvents: number;
  /** Age of the oldest event not applied yet; 0 when caught up. */
  readonly lagSeconds: number;
}

/**
 * Stores whose positions number the events without gaps (SQLite's rowid and PostgreSQL's
 * gap-free sequence, see their adapters), so the count of unapplied events is a
 * subtraction instead of a scan.
 */
const DENSE_POSITIONS = new Set(['sqlite', 'postgres']);

/** Whether the store's positions number its events without gaps (see above). */
export function hasDensePositions(eventStore: EventStore): boolean {
  return DENSE_POSITIONS.has(eventStore.kind);
}
/**
 * Elsewhere (KurrentDB's `$all` byte offsets) events are counted, up to this many: the
 * figure only has to show that a projection is behind, and every scrape pays for the read.
 */
const MAX_COUNTED_LAG = 1_000;

/** How far a projection at `position` is behind a feed whose newest event is at `head`. */
export async function measureLag(
  eventStore: EventStore,
  position: GlobalPosition,
  head: GlobalPosition,
  now: Date,
): Promise<Lag> {
  if (position >= head) return { lagEvents: 0, lagSeconds: 0 };
  const [oldest] = await eventStore.readAll({ after: position, maxCount: 1 });
  if (oldest === undefined) return { lagEvents: 0, lagSeconds: 0 };
  const lagSeconds = Math.max(0, (now.getTime() - oldest.recordedAt.getTime()) / 1000);
  return { lagEvents: await countEventsAfter(eventStore, position, head), lagSeconds };
}

async function countEventsAfter(
  eventStore: EventStore,
  position: GlobalPosition,
  head: GlobalPosition,
): Promise<number> {
  if (hasDensePositions(eventStore)) return Number(head - position);
  const events = await eventStore.readAll({ after: position, maxCount: MAX_COUNTED_LAG });
  return events.filter((event) => event.globalPosition <= head).length;
}

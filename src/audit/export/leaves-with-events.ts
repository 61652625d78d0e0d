import type { EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import type { SqlExecutor } from '../../read-store/read-store.port';
import { logOfEvent } from '../log/log-of-event';
import { FeedCursor } from './feed-cursor';
import { leafPage, type LogLeaf } from './log-leaves';

const LEAF_PAGE = 2000;

export interface LeafWithEvent {
  readonly leaf: LogLeaf;
  /**
   * The tenant's event the store holds at the leaf's position; undefined when it holds none
   * there (deleted, moved, or filed under another log): the log remembers an event the
   * store lost.
   */
  readonly event?: RecordedEvent;
  /** Reading the feed after this position meets the leaf's position first (a second pass). */
  readonly feedAfter: GlobalPosition;
}

interface LeafWalkStart {
  readonly leafIndex: number;
  readonly feedAfter: GlobalPosition;
}

/**
 * Walks the tenant log's leaves [start, end) in order beside the global feed, pairing each
 * leaf with what the event store now holds at the leaf's position. Both are in feed order,
 * so this is one merge: the feed is read once, the leaves a page at a time.
 */
export async function* leavesWithEvents(
  store: Pick<EventStore, 'readAll'>,
  sql: SqlExecutor,
  tenant: string,
  start: LeafWalkStart,
  endLeaf: number,
): AsyncGenerator<LeafWithEvent> {
  const feed = new FeedCursor(store, start.feedAfter);
  let from = start.leafIndex;
  while (from < endLeaf) {
    const page = await leafPage(sql, tenant, from, endLeaf, LEAF_PAGE);
    const last = page[page.length - 1];
    if (last === undefined) return;
    for (const leaf of page) {
      const position = BigInt(leaf.position);
      let next = await feed.peek();
      while (next !== undefined && next.globalPosition < position) {
        feed.take();
        next = await feed.peek();
      }
      const feedAfter = feed.taken;
      let event: RecordedEvent | undefined;
      if (next !== undefined && next.globalPosition === position) {
        feed.take();
        if (logOfEvent(next) === tenant) event = next;
      }
      yield event === undefined ? { leaf, feedAfter } : { leaf, event, feedAfter };
    }
    from = last.leafIndex + 1;
  }
}

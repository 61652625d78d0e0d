import { BACKWARDS, END, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import {
  START,
  type GlobalPosition,
  type ReadAllOptions,
  type RecordedEvent,
} from '../event-store.port';
import { mapKurrentError } from './kurrentdb-error-mapping';
import { toGlobalPosition, toReadPosition } from './kurrentdb-position';
import { isUserEvent, toRecordedEvent, userStreamsFilter } from './kurrentdb-recorded-event';

/**
 * The global feed strictly after `after`. A forward read of `$all` includes the event at its
 * start position, and the client-side filter may drop a few more, so a bounded read asks for
 * one more than needed and continues from where it stopped until it has enough or the feed ends.
 */
export async function readKurrentDbAll(
  client: KurrentDBClient,
  options: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  const { maxCount } = options;
  const events: RecordedEvent[] = [];
  if (maxCount !== undefined && maxCount <= 0) return events;
  let cursor = options.after ?? START;
  try {
    for (;;) {
      const pageSize = maxCount === undefined ? undefined : maxCount - events.length + 1;
      const read = client.readAll({
        fromPosition: toReadPosition(cursor),
        filter: userStreamsFilter(),
        ...(pageSize === undefined ? {} : { maxCount: pageSize }),
      });
      let received = 0;
      const pageStart = cursor;
      for await (const resolved of read) {
        received += 1;
        const event = resolved.event;
        if (event === undefined) continue;
        // Only user events must map to a port position; system events merely move the cursor.
        const position = event.position.commit;
        if (position <= pageStart) continue;
        cursor = position;
        if (!isUserEvent(event)) continue;
        events.push(toRecordedEvent(event));
        if (events.length === maxCount) return events;
      }
      // A short page, or an unbounded read, reached the end of the feed.
      if (pageSize === undefined || received < pageSize || cursor === pageStart) return events;
    }
  } catch (error) {
    throw mapKurrentError(error);
  }
}

/** Position of the newest user event: read `$all` backwards and stop at the first one. */
export async function kurrentDbHeadPosition(client: KurrentDBClient): Promise<GlobalPosition> {
  try {
    const read = client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      filter: userStreamsFilter(),
    });
    for await (const resolved of read) {
      const event = resolved.event;
      if (event !== undefined && isUserEvent(event)) return toGlobalPosition(event.position);
    }
    return START;
  } catch (error) {
    throw mapKurrentError(error);
  }
}

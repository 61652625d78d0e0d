import { EventTooLargeError, InvalidAppendError } from './event-store.errors';
import type { EventToAppend, ExpectedRevision } from './event-store.port';
import { isUuid } from '../shared/ids/uuid';

/** KurrentDB refuses appends over 1 MiB by default; every adapter keeps the same limit. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
const MAX_STREAM_NAME_LENGTH = 200;

export interface SerialisedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * Checks an append's arguments the same way for every adapter and serialises the payloads
 * once, so the size limit applies to exactly the bytes that are stored.
 */
export function validateAppend(
  streamName: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision,
  maxEventBytes: number = DEFAULT_MAX_EVENT_BYTES,
): SerialisedEvent[] {
  if (streamName.length === 0 || streamName.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidAppendError(
      `stream name must be 1 to ${MAX_STREAM_NAME_LENGTH} characters long`,
    );
  }
  if (streamName.startsWith('$')) {
    throw new InvalidAppendError('stream names starting with "$" are reserved for the store');
  }
  if (
    typeof expectedRevision === 'number' &&
    !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)
  ) {
    throw new InvalidAppendError('expected revision must be a non-negative integer');
  }
  if (events.length === 0) {
    throw new InvalidAppendError('an append needs at least one event');
  }
  const seen = new Set<string>();
  return events.map((event) => {
    if (!isUuid(event.id)) {
      throw new InvalidAppendError(`event id "${event.id}" is not a UUID`);
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) {
      throw new InvalidAppendError(`event id ${id} appears twice in one append`);
    }
    seen.add(id);
    if (event.type.length === 0 || event.type.length > 200) {
      throw new InvalidAppendError('event type must be 1 to 200 characters long');
    }
    if (event.type.startsWith('$')) {
      // KurrentDB hides such events from $all; refuse them everywhere alike.
      throw new InvalidAppendError('event types starting with "$" are reserved for the store');
    }
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata ?? {});
    const size = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (size > maxEventBytes) {
      throw new EventTooLargeError(id, size, maxEventBytes);
    }
    return { id, type: event.type, data, metadata };
  });
}

import {
  streamNameFilter,
  type RecordedEvent as KurrentRecordedEvent,
  type RegexFilter,
} from '@kurrent/kurrentdb-client';
import type { JsonObject, RecordedEvent } from '../event-store.port';
import { KurrentDbUnsupportedError } from './kurrentdb.errors';
import { toGlobalPosition } from './kurrentdb-position';

/**
 * Server-side filter for `$all`: leaves out system streams (`$stats-…`, `$$…` metadata,
 * projection outputs). The port's stream names never start with `$`, so this loses nothing.
 */
export function userStreamsFilter(): RegexFilter {
  return streamNameFilter({ regex: '^[^$]' });
}

/**
 * Client-side check after the server filter: also drops system events the server writes
 * into ordinary streams, such as the `$streamDeleted` tombstone of a hard-deleted stream.
 */
export function isUserEvent(event: { readonly streamId: string; readonly type: string }): boolean {
  return !event.streamId.startsWith('$') && !event.type.startsWith('$');
}

/** The port's view of a stored event; refuses what this adapter could not have written. */
export function toRecordedEvent(event: KurrentRecordedEvent): RecordedEvent {
  if (event.position === undefined) {
    throw new KurrentDbUnsupportedError(
      'the server did not report the $all position of a stream event (KurrentDB or EventStoreDB 22.6 or later is required)',
    );
  }
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    streamName: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: toGlobalPosition(event.position),
    data: jsonObject(event.isJson ? event.data : undefined, event, 'data'),
    metadata: event.metadata === undefined ? {} : jsonObject(event.metadata, event, 'metadata'),
    recordedAt: event.created,
  };
}

function jsonObject(
  value: unknown,
  event: KurrentRecordedEvent,
  part: 'data' | 'metadata',
): JsonObject {
  // The client parsed the stored JSON, so a plain object here holds only JSON values.
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value)
  ) {
    return value as JsonObject;
  }
  throw new KurrentDbUnsupportedError(
    `event ${event.id} in stream ${event.streamId}: ${part} is not a JSON object`,
  );
}

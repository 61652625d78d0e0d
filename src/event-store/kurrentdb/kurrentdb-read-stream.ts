import { ErrorType, isCommandError, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { mapKurrentError } from './kurrentdb-error-mapping';
import { toRecordedEvent } from './kurrentdb-recorded-event';

/** One stream in revision order; KurrentDB reports a missing stream as an error, the port as empty. */
export async function readKurrentDbStream(
  client: KurrentDBClient,
  streamName: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  if (options.maxCount !== undefined && options.maxCount <= 0) return events;
  try {
    const read = client.readStream(streamName, {
      fromRevision: BigInt(options.fromRevision ?? 0),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    for await (const resolved of read) {
      if (resolved.event !== undefined) events.push(toRecordedEvent(resolved.event));
    }
    return events;
  } catch (error) {
    if (
      error instanceof Error &&
      isCommandError(error) &&
      error.type === ErrorType.STREAM_NOT_FOUND
    ) {
      return [];
    }
    throw mapKurrentError(error, { streamName });
  }
}

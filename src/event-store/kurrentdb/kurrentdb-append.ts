import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  jsonEvent,
  type AppendStreamState,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import { validateAppend } from '../append-validation';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { mapKurrentError, toCurrentRevision } from './kurrentdb-error-mapping';
import { KurrentDbUnsupportedError } from './kurrentdb.errors';
import { toRecordedEvent } from './kurrentdb-recorded-event';

/**
 * Appends with an expected revision. KurrentDB itself deduplicates a retry that carries the
 * same event ids and the same expected revision, answering with the original revision; the
 * position is then read back from the stream so a retry returns exactly the first result
 * (the append response's position describes the write request, not the last event, and is
 * not reliable for deduplicated writes).
 */
export async function appendToKurrentDb(
  client: KurrentDBClient,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  maxEventBytes: number,
): Promise<AppendResult> {
  // Validation serialises each payload once to check the size; the client serialises the
  // same objects again with the same JSON.stringify, so the checked bytes are the stored ones.
  validateAppend(streamName, events, expected, maxEventBytes);
  const proposed = events.map((event) =>
    jsonEvent({
      id: event.id.toLowerCase(),
      type: event.type,
      data: event.data,
      metadata: event.metadata ?? {},
    }),
  );
  try {
    const result = await client.appendToStream(streamName, proposed, {
      streamState: toStreamState(expected),
    });
    // Only reached when the connection string sets throwOnAppendFailure=false.
    if (!result.success) {
      throw new WrongExpectedRevisionError(
        streamName,
        expected,
        toCurrentRevision(result.nextExpectedRevision),
      );
    }
    return {
      nextExpectedRevision: Number(result.nextExpectedRevision),
      position: await positionOfRevision(client, streamName, result.nextExpectedRevision),
    };
  } catch (error) {
    throw mapKurrentError(error, { streamName, expected });
  }
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** The leader acknowledges an append only once it is indexed, so the leader can read it back. */
async function positionOfRevision(
  client: KurrentDBClient,
  streamName: string,
  revision: bigint,
): Promise<bigint> {
  const read = client.readStream(streamName, {
    fromRevision: revision,
    maxCount: 1,
    requiresLeader: true,
  });
  for await (const resolved of read) {
    if (resolved.event !== undefined) return toRecordedEvent(resolved.event).globalPosition;
  }
  throw new KurrentDbUnsupportedError(
    `stream ${streamName}: revision ${revision} was acknowledged but cannot be read back`,
  );
}

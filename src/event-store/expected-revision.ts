import { WrongExpectedRevisionError } from './event-store.errors';
import type { ExpectedRevision } from './event-store.port';

/** Revision of a stream's last event, or `no_stream` when the stream does not exist. */
export type CurrentRevision = number | 'no_stream';

/** Throws `WrongExpectedRevisionError` unless `current` satisfies `expected`. */
export function assertExpectedRevision(
  streamName: string,
  expected: ExpectedRevision,
  current: CurrentRevision,
): void {
  const satisfied =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'number' && expected === current);
  if (!satisfied) throw new WrongExpectedRevisionError(streamName, expected, current);
}

import type { SerialisedEvent } from '../append-validation';
import { DuplicateEventIdError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { assertExpectedRevision, type CurrentRevision } from '../expected-revision';
import type { SqliteStatements } from './sqlite-statements';

interface StoredEvent {
  stream_name: string;
  stream_revision: bigint;
  position: bigint;
}

/**
 * One append inside an open write transaction. Returns the original result when the
 * batch is a retry of one already stored (same ids, same stream, consecutive revisions).
 */
export function appendInTransaction(
  statements: SqliteStatements,
  streamName: string,
  events: readonly SerialisedEvent[],
  expected: ExpectedRevision,
  recordedAt: number,
): AppendResult {
  const retried = findRetriedBatch(statements, streamName, events);
  if (retried) return retried;

  const current = currentRevision(statements, streamName);
  assertExpectedRevision(streamName, expected, current);

  let revision = current === 'no_stream' ? -1 : current;
  let position = 0n;
  for (const event of events) {
    revision += 1;
    const result = statements.insert.run(
      event.id,
      streamName,
      revision,
      event.type,
      event.data,
      event.metadata,
      recordedAt,
    );
    position = BigInt(result.lastInsertRowid);
  }
  return { nextExpectedRevision: revision, position };
}

function currentRevision(statements: SqliteStatements, streamName: string): CurrentRevision {
  const row = statements.currentRevision.get(streamName) as { revision: number | null };
  return row.revision === null ? 'no_stream' : row.revision;
}

function findRetriedBatch(
  statements: SqliteStatements,
  streamName: string,
  events: readonly SerialisedEvent[],
): AppendResult | undefined {
  const stored = events.map(
    (event) => statements.findEvent.get(event.id) as StoredEvent | undefined,
  );
  if (stored.every((s) => s === undefined)) return undefined;

  const first = stored[0];
  const isSameBatch =
    first !== undefined &&
    stored.every(
      (s, i) =>
        s !== undefined &&
        s.stream_name === streamName &&
        s.stream_revision === first.stream_revision + BigInt(i),
    );
  if (!isSameBatch) {
    const reused = events.find((_, i) => stored[i] !== undefined);
    throw new DuplicateEventIdError(streamName, reused?.id ?? '');
  }
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: Number(last.stream_revision), position: last.position };
}

import type { ExpectedRevision } from './event-store.port';

/** Base class so the HTTP layer can map every store error to one problem type. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** Optimistic concurrency: the stream is not where the writer expected it to be. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `no_stream` when it does not exist. */
    readonly actual: number | 'no_stream',
  ) {
    super(
      `stream ${streamName}: expected revision ${String(expected)}, but the stream is at ${String(actual)}`,
    );
  }
}

/** An event id was reused for a different event (another stream or another position). */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate-event-id';
  constructor(
    readonly streamName: string,
    readonly eventId: string,
  ) {
    super(`event id ${eventId} already exists and is not part of a retry of the same append`);
  }
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'event-too-large';
  constructor(
    readonly eventId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`event ${eventId} is ${sizeBytes} bytes; the limit is ${limitBytes} bytes`);
  }
}

/** Bad arguments to the port itself (empty batch, malformed id, bad stream name). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'invalid-append';
}

/** The store cannot be reached; callers may retry. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'event-store-unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

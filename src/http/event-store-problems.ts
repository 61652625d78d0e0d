import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  EventTooLargeError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store';
import type { MappedProblem } from './problem';
import { PROBLEM_TYPES } from './problem-types';

/** Seconds a client should wait before retrying when the event store is down. */
const EVENT_STORE_RETRY_AFTER_SECONDS = 5;

/** The typed errors of the EventStore port, as the caller should see them. */
export function fromEventStoreError(error: unknown): MappedProblem | undefined {
  if (error instanceof WrongExpectedRevisionError) {
    return {
      problem: {
        type: PROBLEM_TYPES.wrongExpectedRevision,
        title: 'Concurrent modification',
        status: 409,
        detail:
          'Another request changed this resource first. Read it again and retry with its current revision.',
        extensions: { currentRevision: error.actual },
      },
      log: 'none',
    };
  }
  if (error instanceof DuplicateEventIdError) {
    return {
      problem: {
        type: PROBLEM_TYPES.duplicateEventId,
        title: 'Idempotency key reused',
        status: 409,
        detail:
          'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      },
      log: 'none',
    };
  }
  if (error instanceof EventTooLargeError) {
    return {
      problem: {
        type: PROBLEM_TYPES.eventTooLarge,
        title: 'Event too large',
        status: 413,
        detail: `The resulting event would be ${error.sizeBytes} bytes; the limit is ${error.limitBytes} bytes. Send less data.`,
        extensions: { sizeBytes: error.sizeBytes, limitBytes: error.limitBytes },
      },
      log: 'none',
    };
  }
  if (error instanceof InvalidAppendError) {
    return {
      problem: {
        type: PROBLEM_TYPES.invalidAppend,
        title: 'Invalid append',
        status: 400,
        // The port writes these messages for callers: they name the rule that was broken.
        detail: error.message,
      },
      log: 'none',
    };
  }
  if (error instanceof EventStoreUnavailableError) {
    return {
      problem: {
        type: PROBLEM_TYPES.eventStoreUnavailable,
        title: 'Event store unavailable',
        status: 503,
        detail: `The event store cannot be reached. Retry after ${EVENT_STORE_RETRY_AFTER_SECONDS} seconds.`,
        headers: { 'retry-after': String(EVENT_STORE_RETRY_AFTER_SECONDS) },
      },
      log: 'warn',
    };
  }
  return undefined;
}

import {
  ErrorType,
  convertToCommandError,
  isCommandError,
  type CurrentStreamState,
  type WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import type { CurrentRevision } from '../expected-revision';
import { KurrentDbRejectedError } from './kurrentdb.errors';

/** Client error types that mean "not now": the node is down, electing, or not the leader. */
const UNAVAILABLE: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  // The native read bridge reports transport failures it cannot classify as unknown.
  ErrorType.UNKNOWN,
]);

/** What the adapter knew about the call, to describe a conflict in the port's own terms. */
interface ErrorContext {
  readonly streamName?: string;
  readonly expected?: ExpectedRevision;
}

/**
 * Turns what the KurrentDB client throws into the port's typed errors. Errors that did not
 * come from the client (including the port's own) pass through unchanged.
 */
export function mapKurrentError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof EventStoreError || !(error instanceof Error)) return error;
  if (isDiscoveryFailure(error)) {
    return new EventStoreUnavailableError(
      'KurrentDB is unavailable: no cluster node answered',
      error,
    );
  }
  const converted = toCommandError(error);
  if (!isCommandError(converted)) return error;
  if (converted.type === ErrorType.WRONG_EXPECTED_VERSION) {
    return toWrongExpectedRevision(converted, context);
  }
  if (converted.type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    // validateAppend bounds each event; the server also bounds the whole append.
    return new InvalidAppendError(
      `the append is larger than the server's MaxAppendSize of ${converted.maxAppendSize} bytes; ` +
        'append fewer events at once or raise MaxAppendSize on the server',
    );
  }
  if (UNAVAILABLE.has(converted.type)) {
    return new EventStoreUnavailableError(`KurrentDB is unavailable (${converted.type})`, error);
  }
  return new KurrentDbRejectedError(`KurrentDB refused the request (${converted.type})`, error);
}

/**
 * Some calls (the server capability check, a failed channel) reject with the raw gRPC error
 * rather than one of the client's classes; the client's own converter classifies those.
 */
function toCommandError(error: Error): Error {
  try {
    return convertToCommandError(error);
  } catch {
    return error;
  }
}

function toWrongExpectedRevision(
  error: WrongExpectedVersionError,
  context: ErrorContext,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(
    context.streamName ?? error.streamName,
    context.expected ?? toExpectedRevision(error.expectedState),
    toCurrentRevision(error.actualState),
  );
}

/** The client reports a missing stream as `no_stream`, a deleted one as a negative revision. */
export function toCurrentRevision(state: CurrentStreamState): CurrentRevision {
  if (state === 'no_stream' || state < 0n) return 'no_stream';
  return Number(state);
}

function toExpectedRevision(state: WrongExpectedVersionError['expectedState']): ExpectedRevision {
  return typeof state === 'bigint' ? Number(state) : state;
}

/** Cluster discovery gives up with a plain `Error`, not one of the client's error classes. */
function isDiscoveryFailure(error: Error): boolean {
  return /^Failed to discover after \d+ attempts/.test(error.message);
}

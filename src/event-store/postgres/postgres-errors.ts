import { EventStoreError, EventStoreUnavailableError } from '../event-store.errors';

/** SQLSTATEs after which the same work may succeed on a fresh connection. */
const CONNECTION_LOST_STATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or the server stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or stopping
  '53300', // too_many_connections
]);

const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Errors `pg` raises without a SQLSTATE when a socket dies or cannot be opened. */
const CONNECTION_LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed',
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Query read timeout',
];

/** Serialisation failures and unique violations from racing writers: rerunning resolves them. */
const RERUN_STATES = new Set(['40001', '40P01', '23505']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = codeOf(error);
  if (code !== undefined && (CONNECTION_LOST_STATES.has(code) || code.startsWith('08'))) {
    return true;
  }
  if (code !== undefined && SOCKET_ERRORS.has(code)) return true;
  if (error instanceof AggregateError && error.errors.some(isConnectionLoss)) return true;
  return CONNECTION_LOST_MESSAGES.some((m) => error.message.startsWith(m));
}

export function needsRerun(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && RERUN_STATES.has(code);
}

/**
 * What callers see. The port's own errors pass through; connection losses and server errors
 * become `EventStoreUnavailableError`, whose message names the SQLSTATE but never repeats the
 * server's text (it can quote stored values). Anything else is a bug and passes unchanged.
 */
export function toStoreError(error: unknown): Error {
  if (error instanceof EventStoreError) return error;
  if (isConnectionLoss(error)) {
    return new EventStoreUnavailableError('PostgreSQL cannot be reached', error);
  }
  const code = codeOf(error);
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  return new EventStoreUnavailableError(`PostgreSQL failed the request (SQLSTATE ${code})`, error);
}

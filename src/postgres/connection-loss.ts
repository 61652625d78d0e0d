/**
 * Whether an error from `pg` means the server could not be reached or went away (so the same
 * work may succeed on a fresh connection), as opposed to a statement the server refused.
 * Shared by every PostgreSQL adapter: the event store, the read store and the key store.
 */

/** SQLSTATEs of a server that is gone or not accepting: shutdown, crash, starting, full. */
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket errors raised by Node while connecting or talking to the server. */
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

/** Errors `pg` raises without a code when a socket dies or cannot be opened. */
const CONNECTION_LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed',
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Query read timeout',
];

/**
 * Duck-typed rather than `instanceof Error`: socket errors come from Node core, which is
 * another realm than the test's under Jest. SQLSTATE class 08 is "connection exception".
 */
export function isConnectionLoss(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (Array.isArray(errors) && errors.some(isConnectionLoss)) return true;
  if (typeof code === 'string') {
    if (SERVER_GONE_STATES.has(code) || SOCKET_ERRORS.has(code) || code.startsWith('08')) {
      return true;
    }
  }
  return (
    typeof message === 'string' &&
    CONNECTION_LOST_MESSAGES.some((start) => message.startsWith(start))
  );
}

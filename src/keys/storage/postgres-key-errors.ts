import { KeyError, KeyStoreUnavailableError } from '../keys.errors';

/** SQLSTATEs after which the same call may succeed on a fresh connection. */
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
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
];

/** Duck-typed: socket errors come from Node core, another realm than ours under Jest. */
function isConnectionLoss(error: unknown): boolean {
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

/**
 * What callers see: a lost or refused connection becomes `KeyStoreUnavailableError`; the
 * module's own errors and statement errors pass through unchanged.
 */
export function toKeyStoreError(error: unknown): unknown {
  if (error instanceof KeyError || !isConnectionLoss(error)) return error;
  return new KeyStoreUnavailableError('the PostgreSQL key store is unreachable', error);
}

export async function postgresCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toKeyStoreError(error);
  }
}

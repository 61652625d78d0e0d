import { ReadStoreUnavailableError } from '../read-store.errors';

/** Socket errors raised by Node while connecting or talking to the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** SQLSTATEs for "the server went away": admin/crash shutdown, cannot connect now. */
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03']);

/**
 * Whether an error means the server could not be reached, as opposed to a statement the
 * server refused. Only the former is worth retrying unchanged.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    return NETWORK_CODES.has(code) || SERVER_GONE_CODES.has(code) || code.startsWith('08');
  }
  return /^Connection terminated|^Client has encountered a connection error/.test(error.message);
}

/** Rethrows connection failures as the typed error; statement errors pass through as they are. */
export function translateError(error: unknown): unknown {
  if (isConnectionFailure(error)) {
    return new ReadStoreUnavailableError('the PostgreSQL read store is unreachable', error);
  }
  return error;
}

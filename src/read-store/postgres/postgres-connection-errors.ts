import { isServerUnavailable } from '../../postgres';
import { ReadStoreUnavailableError } from '../read-store.errors';

/**
 * Rethrows every sign of a database that cannot serve now (lost or refused connection,
 * connect timeout, shutdown, recovery, serialization failure: see `isServerUnavailable`) as
 * the typed error callers answer 503 to; statement errors, which are bugs, and errors that
 * are not PostgreSQL's pass through as they are.
 */
export function translateError(error: unknown): unknown {
  if (isServerUnavailable(error)) {
    return new ReadStoreUnavailableError('the PostgreSQL read store is unavailable', error);
  }
  return error;
}

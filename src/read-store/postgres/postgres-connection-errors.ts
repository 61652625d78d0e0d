import { isConnectionLoss } from '../../postgres/connection-loss';
import { ReadStoreUnavailableError } from '../read-store.errors';

/**
 * Whether an error means the server could not be reached, as opposed to a statement the
 * server refused. Only the former is worth retrying unchanged.
 */
export const isConnectionFailure = isConnectionLoss;

/** Rethrows connection failures as the typed error; statement errors pass through as they are. */
export function translateError(error: unknown): unknown {
  if (isConnectionFailure(error)) {
    return new ReadStoreUnavailableError('the PostgreSQL read store is unreachable', error);
  }
  return error;
}

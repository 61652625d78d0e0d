import { isServerUnavailable } from '../../postgres';
import { KeyError, KeyStoreUnavailableError } from '../keys.errors';

/**
 * What callers see: a database that cannot serve now (lost, refused or timed-out connection,
 * shutdown, recovery: see `isServerUnavailable`) becomes `KeyStoreUnavailableError`; the
 * module's own errors and statement errors pass through unchanged.
 */
export function toKeyStoreError(error: unknown): unknown {
  if (error instanceof KeyError || !isServerUnavailable(error)) return error;
  return new KeyStoreUnavailableError('the PostgreSQL key store is unavailable', error);
}

export async function postgresCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toKeyStoreError(error);
  }
}

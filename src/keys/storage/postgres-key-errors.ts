import { isConnectionLoss } from '../../postgres/connection-loss';
import { KeyError, KeyStoreUnavailableError } from '../keys.errors';

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

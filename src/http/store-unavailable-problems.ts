import { KeyStoreClosedError, KeyStoreUnavailableError } from '../keys';
import { ReadStoreClosedError, ReadStoreUnavailableError } from '../read-store';
import type { MappedProblem } from './problem';
import { PROBLEM_TYPES } from './problem-types';

/** Seconds a client should wait before retrying when a store behind the service is down. */
const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The read store (idempotency records, projections) and the key store going away are an
 * outage, not a bug: the caller gets 503 with Retry-After, and nothing was committed by
 * the failed call, so retrying with the same Idempotency-Key is safe. A store already closed
 * is the same to the caller: the process is shutting down and another replica (or this one,
 * restarted) will answer the retry.
 */
export function fromStoreUnavailableError(error: unknown): MappedProblem | undefined {
  const store =
    error instanceof ReadStoreUnavailableError || error instanceof ReadStoreClosedError
      ? 'read store'
      : error instanceof KeyStoreUnavailableError || error instanceof KeyStoreClosedError
        ? 'key store'
        : undefined;
  if (store === undefined) return undefined;
  return {
    problem: {
      type: PROBLEM_TYPES.serviceUnavailable,
      title: 'Service unavailable',
      status: 503,
      detail: `The ${store} cannot be reached. Retry after ${STORE_RETRY_AFTER_SECONDS} seconds with the same Idempotency-Key.`,
      headers: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
    },
    log: 'warn',
  };
}

import { ReadStoreUnavailableError } from '../read-store';

/**
 * A failure of a projection's own code (`applyBatch`, a bulk build's phases), carried out of
 * its transaction, which rolls back, so the runner can fall back to applying events one by
 * one and name the event at fault.
 */
export class ProjectionCodeFailed extends Error {
  constructor(cause: unknown) {
    super('projection code failed', { cause });
  }
}

/**
 * `work`, with its failure marked as the projection's — except the store being unreachable,
 * which says nothing about the projection and passes as it is (the runner retries).
 */
export function blameProjection<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof ReadStoreUnavailableError) throw error;
    throw new ProjectionCodeFailed(error);
  });
}

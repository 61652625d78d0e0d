import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreUnavailableError } from '../../event-store';
import { KeyResidueError, KeyStoreUnavailableError } from '../../keys';

/** Failures that say nothing about the work itself: repeating it may well succeed. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof EventStoreUnavailableError ||
    error instanceof KeyStoreUnavailableError ||
    error instanceof KeyResidueError
  );
}

/**
 * Runs idempotent work up to `attempts` times while it fails transiently, waiting a little
 * longer each time. A reactor's `apply` uses it so that a short outage of the key or event
 * store does not stop the projection (a throw from `apply` stops it until a restart, which
 * then resumes at the same event: safe, but needs an operator).
 */
export async function retryTransient<T>(
  work: () => Promise<T>,
  attempts = 4,
  firstDelayMs = 100,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await sleep(firstDelayMs * 2 ** (attempt - 1));
    }
  }
}

import { isConnectionLoss } from '../../postgres';
import { EventStoreError, EventStoreUnavailableError } from '../event-store.errors';

export { isConnectionLoss };

/** Serialisation failures and unique violations from racing writers: rerunning resolves them. */
const RERUN_STATES = new Set(['40001', '40P01', '23505']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function needsRerun(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && RERUN_STATES.has(code);
}

/**
 * What callers see. The port's own errors pass through; connection losses and server errors
 * become `EventStoreUnavailableError`, whose message names the SQLSTATE but never repeats the
 * server's text (it can quote stored values). Anything else is a bug and passes unchanged.
 */
export function toStoreError(error: unknown): Error {
  if (error instanceof EventStoreError) return error;
  if (isConnectionLoss(error)) {
    return new EventStoreUnavailableError('PostgreSQL cannot be reached', error);
  }
  const code = codeOf(error);
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  return new EventStoreUnavailableError(`PostgreSQL failed the request (SQLSTATE ${code})`, error);
}

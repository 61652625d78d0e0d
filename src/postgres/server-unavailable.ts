import { isConnectionLoss } from './connection-loss';

/**
 * SQLSTATE classes of a server that cannot do the work now, whatever the statement: 08
 * connection exception, 53 insufficient resources (disk full, out of memory, too many
 * connections), 57 operator intervention (shutdown, recovery, statement timeout), 58 system
 * error (I/O), XX internal error.
 */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58', 'XX']);

/** Serialization failure, deadlock, lock not available: the same work succeeds when rerun. */
const TRANSIENT_STATES = new Set(['40001', '40P01', '55P03']);

/**
 * Whether an error from `pg` says the database cannot serve now (a caller should get 503 and
 * retry later), as opposed to a statement that is wrong (a bug: 500). Connection losses,
 * refused or timed-out connects and the server states above count as unavailable.
 */
export function isServerUnavailable(error: unknown): boolean {
  if (isConnectionLoss(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || code.length !== 5) return false;
  return UNAVAILABLE_CLASSES.has(code.slice(0, 2)) || TRANSIENT_STATES.has(code);
}

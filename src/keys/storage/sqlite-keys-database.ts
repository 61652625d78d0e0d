import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { asPromise } from '../as-promise';
import { KeyResidueError, KeyStoreUnavailableError } from '../keys.errors';

/** How long a statement waits for another process (the CLI) holding the write lock. */
const BUSY_TIMEOUT_MS = 5000;
/** SQLITE_BUSY and SQLITE_LOCKED, the primary result codes of lock contention. */
const LOCK_CONTENTION = new Set([5, 6]);

/**
 * Opens the keys SQLite file (the key store and the lookup may share it, one connection
 * each). `secure_delete` makes SQLite zero deleted and overwritten content instead of leaving
 * it in free space, which is what lets an erasure actually remove bytes from the file.
 */
export function openKeysDatabase(path: string, schema: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA secure_delete = ON');
    db.exec(schema);
  } catch (error) {
    db.close();
    throw translateSqliteError(error);
  }
  return db;
}

/**
 * After an erasure: copies the WAL back into the (zeroed) database pages and truncates the
 * WAL to nothing, so the old page images that still held the erased bytes are gone too.
 */
export function clearWalResidue(db: DatabaseSync, path: string): void {
  const result = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number };
  if (result.busy !== 0) throw new KeyResidueError(path);
}

/** Runs a synchronous statement as a promise, with lock contention as a typed, retryable error. */
export function sqliteCall<T>(work: () => T): Promise<T> {
  return asPromise(() => {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error);
    }
  });
}

function translateSqliteError(error: unknown): unknown {
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number' && LOCK_CONTENTION.has(errcode & 0xff)) {
    return new KeyStoreUnavailableError('the keys database is locked by another process', error);
  }
  return error;
}

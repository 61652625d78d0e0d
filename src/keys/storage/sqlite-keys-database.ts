import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { KeyStoreUnavailableError } from '../keys.errors';

/** How long a statement waits for another process (the CLI) holding the write lock. */
const BUSY_TIMEOUT_MS = 5000;
/** SQLITE_BUSY and SQLITE_LOCKED, the primary result codes of lock contention. */
const LOCK_CONTENTION = new Set([5, 6]);

/**
 * Opens the keys SQLite file (the key store, the lookup and the webhook tables may share it,
 * one connection each). `secure_delete` makes SQLite zero deleted and overwritten content
 * instead of leaving it in free space, which is what lets an erasure actually remove bytes
 * from the file.
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

/** Lock contention becomes a typed, retryable error; every other error passes as it is. */
export function translateSqliteError(error: unknown): unknown {
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number' && LOCK_CONTENTION.has(errcode & 0xff)) {
    return new KeyStoreUnavailableError('the keys database is locked by another process', error);
  }
  return error;
}

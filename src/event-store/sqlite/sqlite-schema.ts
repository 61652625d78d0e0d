import type { DatabaseSync } from 'node:sqlite';

/**
 * Numbered migrations; `PRAGMA user_version` records how many have run. The global
 * position is SQLite's rowid with AUTOINCREMENT, so a position is never reused, and
 * positions are contiguous because every append runs inside one writer transaction.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position        INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id        TEXT    NOT NULL UNIQUE,
     stream_name     TEXT    NOT NULL,
     stream_revision INTEGER NOT NULL,
     event_type      TEXT    NOT NULL,
     data            TEXT    NOT NULL,
     metadata        TEXT    NOT NULL,
     recorded_at     INTEGER NOT NULL,
     UNIQUE (stream_name, stream_revision)
   ) STRICT`,
];

export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const applied = row.user_version;
  if (applied > MIGRATIONS.length) {
    throw new Error(
      `the event store file has schema version ${applied}, newer than this build knows (${MIGRATIONS.length})`,
    );
  }
  if (applied === MIGRATIONS.length) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    MIGRATIONS.slice(applied).forEach((sql) => db.exec(sql));
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * WAL with synchronous=FULL: a commit returns only after the WAL is fsynced, so an
 * acknowledged append survives power loss. busy_timeout lets a second process (the CLI)
 * share the file. secure_delete zeroes content that a redaction replaces (or a page
 * rebalance moves) instead of leaving it in free space (docs/adr/0017); an append-only
 * table frees little, so appends barely pay for it.
 */
export function configure(db: DatabaseSync): void {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA secure_delete = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
}

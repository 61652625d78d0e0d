import type { DatabaseSync } from 'node:sqlite';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { RedactEvent } from '../event-redaction';
import { storedEventRowOf, toRecordedEvent } from '../stored-event-row';

/**
 * Redaction on SQLite (docs/adr/0017). Synchronous, so it runs between two group commits
 * and never inside one. The connection runs with `secure_delete` (see sqlite-schema.ts):
 * the replaced cell content is overwritten with zeros in the page that held it.
 */
export function redactSqliteStream(
  db: DatabaseSync,
  streamName: string,
  redact: RedactEvent,
): number {
  const rows = db.prepare(
    `SELECT position, event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at
     FROM events WHERE stream_name = ? ORDER BY stream_revision`,
  );
  rows.setReadBigInts(true);
  const update = db.prepare('UPDATE events SET data = ? WHERE position = ? AND data = ?');
  let changed = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const row of rows.all(streamName).map(storedEventRowOf)) {
      const next = redact(toRecordedEvent(row));
      if (next === undefined) continue;
      changed += Number(update.run(JSON.stringify(next), row.position, row.data).changes);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return changed;
}

/**
 * Copies the WAL into the database and truncates it to zero bytes, so the page images that
 * still held the old values are gone from the WAL file too.
 */
export function truncateSqliteWal(db: DatabaseSync): void {
  const result = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number };
  if (result.busy !== 0) {
    throw new EventStoreUnavailableError(
      'another reader of the event store kept its WAL from being truncated after a redaction; it is retried',
    );
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';

const COLUMNS =
  'position, event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at';

/** Every statement prepared once per connection; the append path allocates no SQL. */
export class SqliteStatements {
  readonly currentRevision: StatementSync;
  readonly findEvent: StatementSync;
  readonly insert: StatementSync;
  readonly readStream: StatementSync;
  readonly readAll: StatementSync;
  readonly head: StatementSync;

  constructor(db: DatabaseSync) {
    this.currentRevision = db.prepare(
      'SELECT max(stream_revision) AS revision FROM events WHERE stream_name = ?',
    );
    this.findEvent = db.prepare(
      'SELECT stream_name, stream_revision, position FROM events WHERE event_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readStream = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_revision >= ?
       ORDER BY stream_revision LIMIT ?`,
    );
    this.readAll = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    this.head = db.prepare('SELECT coalesce(max(position), 0) AS head FROM events');
    for (const statement of [this.readStream, this.readAll, this.head, this.findEvent]) {
      statement.setReadBigInts(true);
    }
  }
}

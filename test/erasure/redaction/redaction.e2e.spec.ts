import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describeRedaction } from './describe-redaction';

describeRedaction('SQLite', {}, (api, streamName) => {
  const db = new DatabaseSync(join(api.dataDir, 'events.sqlite'), { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT data FROM events WHERE stream_name = ? ORDER BY stream_revision')
      .all(streamName) as { data: string }[];
    return Promise.resolve(rows.map((row) => row.data));
  } finally {
    db.close();
  }
});

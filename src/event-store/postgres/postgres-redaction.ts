import type { Pool } from 'pg';
import type { RedactEvent } from '../event-redaction';
import { toRecordedEvent } from '../stored-event-row';
import type { EventRow } from './postgres-event-row';
import { toStoreError } from './postgres-errors';
import { withClient } from './pooled-client';

const EVENT_COLUMNS =
  'position::text AS position, event_id::text AS event_id, stream_name, ' +
  'stream_revision::text AS stream_revision, event_type, data, metadata, recorded_at';

/**
 * Redaction on PostgreSQL (docs/adr/0017): the stream's rows are locked, each redacted by
 * compare-and-set on its stored text, in one transaction. The old row versions stay in the
 * heap (and TOAST) as dead tuples until `vacuumEvents` prunes them.
 */
export async function redactPostgresStream(
  pool: Pool,
  schema: string,
  streamName: string,
  redact: RedactEvent,
): Promise<number> {
  try {
    return await withClient(pool, async (client) => {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM "${schema}".events
           WHERE stream_name = $1 ORDER BY stream_revision FOR UPDATE`,
          [streamName],
        );
        let changed = 0;
        for (const row of rows) {
          const next = redact(toRecordedEvent(row));
          if (next === undefined) continue;
          const result = await client.query(
            `UPDATE "${schema}".events SET data = $1 WHERE position = $2::bigint AND data = $3`,
            [JSON.stringify(next), row.position, row.data],
          );
          changed += result.rowCount ?? 0;
        }
        await client.query('COMMIT');
        return changed;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * `VACUUM` of the events table (outside any transaction, on a connection of its own):
 * prunes the dead row versions a redaction left, in the heap and its TOAST table. Best
 * effort by nature: a transaction older than the redaction keeps them visible until it ends,
 * and WAL segments, archives and base backups keep their copies (docs/adr/0017).
 */
export async function vacuumEvents(pool: Pool, schema: string): Promise<void> {
  try {
    await withClient(pool, (client) => client.query(`VACUUM "${schema}".events`));
  } catch (error) {
    throw toStoreError(error);
  }
}

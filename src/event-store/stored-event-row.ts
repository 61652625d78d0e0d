import type { RecordedEvent } from './event-store.port';

/**
 * An event as the SQL adapters store it. Drivers hand integer columns back as numbers,
 * bigints or strings (PostgreSQL int8), and the transaction time as a Date or epoch ms.
 */
export interface StoredEventRow {
  readonly position: number | bigint | string;
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: number | bigint | string;
  readonly event_type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: Date | number | bigint;
}

export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    streamName: row.stream_name,
    streamRevision: Number(row.stream_revision),
    globalPosition: BigInt(row.position),
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt:
      row.recorded_at instanceof Date ? row.recorded_at : new Date(Number(row.recorded_at)),
  };
}

/**
 * A row of the events table as a driver hands it over, checked column by column instead of
 * cast: a column of the wrong type is a programming error (a wrong SELECT), named without
 * its value. Plain `typeof` tests: this runs for every event a rebuild reads.
 */
export function storedEventRowOf(row: Readonly<Record<string, unknown>>): StoredEventRow {
  return {
    position: integerColumn(row, 'position'),
    event_id: textColumn(row, 'event_id'),
    stream_name: textColumn(row, 'stream_name'),
    stream_revision: integerColumn(row, 'stream_revision'),
    event_type: textColumn(row, 'event_type'),
    data: textColumn(row, 'data'),
    metadata: textColumn(row, 'metadata'),
    recorded_at: timeColumn(row, 'recorded_at'),
  };
}

function integerColumn(row: Readonly<Record<string, unknown>>, column: string) {
  const value = row[column];
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') {
    return value;
  }
  throw columnError(column, 'an integer', value);
}

function textColumn(row: Readonly<Record<string, unknown>>, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw columnError(column, 'text', value);
}

function timeColumn(row: Readonly<Record<string, unknown>>, column: string) {
  const value = row[column];
  if (value instanceof Date || typeof value === 'number' || typeof value === 'bigint') {
    return value;
  }
  throw columnError(column, 'a time', value);
}

function columnError(column: string, expected: string, value: unknown): TypeError {
  const found = value === null ? 'null' : typeof value;
  return new TypeError(`events.${column} must be ${expected}, got ${found}`);
}

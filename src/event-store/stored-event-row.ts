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

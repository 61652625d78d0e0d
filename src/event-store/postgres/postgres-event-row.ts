import type { RecordedEvent } from '../event-store.port';

/** An `events` row as the read statements select it (int8 columns cast to text). */
export interface EventRow {
  readonly position: string;
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: string;
  readonly event_type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    streamName: row.stream_name,
    streamRevision: Number(row.stream_revision),
    globalPosition: BigInt(row.position),
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: row.recorded_at,
  };
}

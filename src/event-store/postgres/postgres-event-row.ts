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

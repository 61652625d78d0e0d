import type { EventStore, JsonObject, RecordedEvent } from './event-store.port';

/** The event's new data when it must be redacted, or undefined to leave it as it is. */
export type RedactEvent = (event: RecordedEvent) => JsonObject | undefined;

/**
 * An optional capability of the SQL event stores (docs/adr/0017): rewriting the data of a
 * stream's events in place, only to replace sealed personal fields by their digests after
 * erasure, and then reclaiming the bytes the old values occupied. KurrentDB has no such
 * capability: its events are immutable, so there the ciphertext stays, sealed under a
 * destroyed key.
 */
export interface EventRedaction {
  /**
   * Replaces the data of each event of `streamName` for which `redact` returns new data,
   * each by compare-and-set on the stored text, in one transaction. Idempotent when `redact`
   * is (a redacted event needs nothing more). Returns how many events changed.
   */
  redactStream(streamName: string, redact: RedactEvent): Promise<number>;
  /**
   * Reclaims the space of what redactions replaced, so old values do not linger in the
   * database files: SQLite truncates its WAL (with `secure_delete`, freed cells are zeroed);
   * PostgreSQL vacuums the events table. Throws `EventStoreUnavailableError` when it could
   * not finish (a reader held the SQLite WAL); repeating it is safe.
   */
  reclaimRedactedSpace(): Promise<void>;
}

/** The store's redaction capability, or undefined when it has none (KurrentDB). */
export function eventRedactionOf(store: EventStore): EventRedaction | undefined {
  const candidate = store as Partial<EventRedaction>;
  return typeof candidate.redactStream === 'function' &&
    typeof candidate.reclaimRedactedSpace === 'function'
    ? (store as EventStore & EventRedaction)
    : undefined;
}

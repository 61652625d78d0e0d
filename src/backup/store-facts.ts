import type { RecordedEvent } from '../event-store/event-store.port';
import { storedEventRowOf, toRecordedEvent } from '../event-store';
import { asBigInt, asNumber, asString } from '../read-store';
import { LEAF_FORMAT_PINS } from '../audit';
import type { StoreSource } from './store-source';

/** What a backup or restore needs to know of a read store: never personal data. */
export interface SignedCheckpoint {
  readonly log: string;
  readonly size: number;
  readonly root: Buffer;
  readonly note: string;
  readonly signedAt: string;
}

const BATCH = 2000;

/** Every event in feed order, in batches, read straight from the `events` table. */
export async function* eventBatches(source: StoreSource): AsyncGenerator<RecordedEvent[]> {
  // int8 columns come back as text on PostgreSQL (exact); the `e.` prefix keeps ORDER BY on
  // the column, not on its text alias (which would sort 10 before 2).
  const columns =
    source.dialect === 'postgres'
      ? 'e.position::text AS position, e.event_id::text AS event_id, e.stream_name, e.stream_revision::text AS stream_revision, e.event_type, e.data, e.metadata, e.recorded_at'
      : 'e.position, e.event_id, e.stream_name, e.stream_revision, e.event_type, e.data, e.metadata, e.recorded_at';
  const sql = `SELECT ${columns} FROM ${source.table('events')} e WHERE e.position > $1 ORDER BY e.position LIMIT $2`;
  let after = 0n;
  for (;;) {
    const rows = await source.query(sql, [after, BATCH]);
    if (rows.length === 0) return;
    const events = rows.map((row) => toRecordedEvent(storedEventRowOf(row)));
    after = events[events.length - 1]!.globalPosition;
    yield events;
  }
}

/** The event log's last position; 0 when it is empty or was never created. */
export async function eventHead(source: StoreSource): Promise<bigint> {
  if (!(await source.hasTable('events'))) return 0n;
  const rows = await source.query(
    `SELECT coalesce(max(position), 0) AS head FROM ${source.table('events')}`,
  );
  return asBigInt(rows[0]?.head ?? 0);
}

/** The latest signed checkpoint of every log (the table outlives projection rebuilds). */
export async function latestSignedCheckpoints(source: StoreSource): Promise<SignedCheckpoint[]> {
  if (!(await source.hasTable('audit_checkpoints'))) return [];
  const table = source.table('audit_checkpoints');
  const rows = await source.query(
    `SELECT tenant, size, root, note, signed_at FROM ${table} c
      WHERE size = (SELECT max(size) FROM ${table} l WHERE l.tenant = c.tenant)
      ORDER BY tenant`,
  );
  return rows.map((row) => ({
    log: asString(row.tenant),
    size: asNumber(row.size),
    root: Buffer.from(row.root as Uint8Array),
    note: asString(row.note),
    signedAt: asString(row.signed_at),
  }));
}

/**
 * The leaf index from which each log's leaves are chained (docs/adr/0041): the re-hash needs
 * it to make the leaves the audit log made. A store from before chaining has none.
 */
export async function leafFormatPins(source: StoreSource): Promise<Map<string, number>> {
  if (!(await source.hasTable(LEAF_FORMAT_PINS))) return new Map();
  const rows = await source.query(
    `SELECT tenant, chained_from FROM ${source.table(LEAF_FORMAT_PINS)}`,
  );
  return new Map(rows.map((row) => [asString(row.tenant), asNumber(row.chained_from)]));
}

/** Where each projection (and reactor) stands; positions are decimal text. */
export async function projectionPositions(
  source: StoreSource,
): Promise<{ name: string; position: string }[]> {
  if (!(await source.hasTable('projection_checkpoints'))) return [];
  const rows = await source.query(
    `SELECT name, position FROM ${source.table('projection_checkpoints')} ORDER BY name`,
  );
  return rows.map((row) => ({ name: asString(row.name), position: asString(row.position) }));
}

/** The KEKs that wrap a live data key or a processor's webhook secret. */
export async function kekIdsInUse(source: StoreSource): Promise<string[]> {
  const ids = new Set<string>();
  for (const table of ['subject_keys', 'processor_webhook_secrets']) {
    if (!(await source.hasTable(table))) continue;
    const rows = await source.query(
      `SELECT DISTINCT kek_id FROM ${source.table(table)} WHERE kek_id IS NOT NULL`,
    );
    for (const row of rows) ids.add(asString(row.kek_id));
  }
  return [...ids].sort();
}

/** Each log's size in the audit-log projection (behind the event log while it catches up). */
export async function auditLogSizes(source: StoreSource): Promise<Map<string, number>> {
  if (!(await source.hasTable('audit_log_trees'))) return new Map();
  const rows = await source.query(
    `SELECT tenant, size FROM ${source.table('audit_log_trees')} ORDER BY tenant`,
  );
  return new Map(rows.map((row) => [asString(row.tenant), asNumber(row.size)]));
}

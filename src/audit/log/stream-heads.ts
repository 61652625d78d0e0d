import type { RecordedEvent } from '../../event-store/event-store.port';
import { insertRows } from '../../projections';
import type { ReadStoreTransaction, SqlValue } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import type { ChainLink } from '../leaf';
import { readPins, pinsOf, LEAF_FORMAT_PINS } from './leaf-format-pins';
import { logOfEvent } from './log-of-event';
import { asBytes } from './sql-hash-store';
import { headKey, type StreamHead, StreamChains } from './stream-chains';

/** Stream terms per heads query: far below both drivers' limits on bound parameters. */
const STREAMS_PER_QUERY = 300;

/**
 * The chains a run of events (in feed order) appends through: the pins of their logs
 * (`sizes`: each log's size before them), pinning a new log at 0, and the heads of their
 * streams as stored.
 */
export async function loadChains(
  tx: ReadStoreTransaction,
  sizes: ReadonlyMap<string, number>,
  events: readonly RecordedEvent[],
): Promise<StreamChains> {
  const { pins, added } = pinsOf(sizes, await readPins(tx, [...sizes.keys()]));
  await insertRows(
    tx,
    LEAF_FORMAT_PINS,
    ['tenant', 'chained_from'],
    added.map((tenant) => [tenant, 0]),
  );
  const streams = new Map(
    events.map((event) => {
      const log = logOfEvent(event);
      return [headKey(log, event.streamName), { log, streamName: event.streamName }];
    }),
  );
  return new StreamChains((log) => pins.get(log) ?? 0, await readHeads(tx, [...streams.values()]));
}

/** Stores the heads that moved. */
export async function saveHeads(tx: ReadStoreTransaction, chains: StreamChains): Promise<void> {
  const rows: SqlValue[][] = [];
  for (const [key, head] of chains.movedHeads()) {
    const [log, streamName] = JSON.parse(key) as [string, string];
    rows.push([log, streamName, head.leafIndex, head.leafHash]);
  }
  await insertRows(
    tx,
    'audit_log_stream_heads',
    ['tenant', 'stream_name', 'leaf_index', 'leaf_hash'],
    rows,
    'ON CONFLICT (tenant, stream_name) DO UPDATE SET leaf_index = excluded.leaf_index, leaf_hash = excluded.leaf_hash',
  );
}

/** The `audit_log_leaves` row of a leaf. */
export function leafRow(
  tenant: string,
  index: number,
  event: RecordedEvent,
  link: ChainLink | undefined,
): SqlValue[] {
  const previous = link === undefined || link === 'first' ? undefined : link;
  return [
    tenant,
    index,
    event.id.toLowerCase(),
    event.globalPosition.toString(),
    link === undefined ? 1 : 2,
    previous?.leafIndex ?? null,
    previous === undefined ? null : Buffer.from(previous.leafHash, 'hex'),
  ];
}

export const LEAF_COLUMNS = [
  'tenant',
  'leaf_index',
  'event_id',
  'position',
  'leaf_format',
  'previous_leaf',
  'previous_hash',
] as const;

async function readHeads(
  tx: ReadStoreTransaction,
  streams: readonly { log: string; streamName: string }[],
): Promise<Map<string, StreamHead>> {
  const heads = new Map<string, StreamHead>();
  for (let offset = 0; offset < streams.length; offset += STREAMS_PER_QUERY) {
    const params: SqlValue[] = [];
    const terms = streams.slice(offset, offset + STREAMS_PER_QUERY).map(({ log, streamName }) => {
      params.push(log, streamName);
      return `(tenant = $${params.length - 1} AND stream_name = $${params.length})`;
    });
    const rows = await tx.query(
      `SELECT tenant, stream_name, leaf_index, leaf_hash FROM audit_log_stream_heads WHERE ${terms.join(' OR ')}`,
      params,
    );
    for (const row of rows) {
      heads.set(headKey(asString(row.tenant), asString(row.stream_name)), {
        leafIndex: asNumber(row.leaf_index),
        leafHash: asBytes(row.leaf_hash),
      });
    }
  }
  return heads;
}

import type { RecordedEvent } from '../../event-store/event-store.port';
import { insertRows } from '../../projections';
import type { ReadStoreTransaction, SqlValue } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import type { StoredNode } from '../merkle/hash-store.port';
import { MapHashStore } from '../merkle/map-hash-store';
import { appendLeaf } from '../merkle/merkle-tree';
import { type NodeId, nodeKey, subtreesCovering } from '../merkle/node-id';
import { logOfEvent } from './log-of-event';
import { asBytes } from './sql-hash-store';
import { LEAF_COLUMNS, leafRow, loadChains, saveHeads } from './stream-heads';

/** Tenants per size query and node terms per frontier query: far below both drivers' limits. */
const TENANTS_PER_QUERY = 500;
const NODES_PER_QUERY = 300;

/**
 * Appends a batch of events (in feed order) to their tenants' logs with a handful of
 * statements instead of four round trips per event: reads each log's size and frontier
 * once, appends every leaf in memory with the same `appendLeaf` the event-by-event path
 * uses, then writes the nodes, the leaf rows, the sizes and the streams' heads with multi-row
 * inserts. Each leaf links to its stream's head as the batch left it (`StreamChains`).
 *
 * Why the frontier is all it needs: appending leaf m reads the left siblings of the
 * subtrees leaf m completes. Each such sibling is a complete subtree; one that was complete
 * before the batch and is the left child of a subtree the batch completes is a maximal
 * complete subtree of the log as it stood — one of `subtreesCovering(0, size)`, its
 * frontier. Every other sibling is completed within the batch and is in memory by then. A
 * node neither loaded nor written throws `MissingNodeError`, as it would event by event.
 */
export async function appendBatchToLogs(
  events: readonly RecordedEvent[],
  tx: ReadStoreTransaction,
): Promise<void> {
  if (events.length === 0) return;
  const tenants = [...new Set(events.map(logOfEvent))];
  const sizes = await readSizes(tx, tenants);
  const chains = await loadChains(
    tx,
    new Map(tenants.map((tenant) => [tenant, sizes.get(tenant) ?? 0])),
    events,
  );
  const known = await readFrontiers(tx, sizes);
  const written: { tenant: string; node: StoredNode }[] = [];
  const logs = new Map(
    tenants.map((tenant) => [
      tenant,
      {
        size: sizes.get(tenant) ?? 0,
        store: new MapHashStore(known.get(tenant), (node) => written.push({ tenant, node })),
      },
    ]),
  );
  const leaves: SqlValue[][] = [];
  for (const event of events) {
    const tenant = logOfEvent(event);
    const log = logs.get(tenant)!;
    const index = log.size;
    const leaf = chains.next(event, tenant, index);
    log.size = await appendLeaf(log.store, index, leaf.hash);
    leaves.push(leafRow(tenant, index, event, leaf.link));
  }
  await insertRows(
    tx,
    'audit_log_nodes',
    ['tenant', 'level', 'idx', 'hash'],
    written.map(({ tenant, node }) => [tenant, node.level, node.index, node.hash]),
  );
  await insertRows(tx, 'audit_log_leaves', LEAF_COLUMNS, leaves);
  await saveHeads(tx, chains);
  await insertRows(
    tx,
    'audit_log_trees',
    ['tenant', 'size'],
    tenants.map((tenant) => [tenant, logs.get(tenant)!.size]),
    'ON CONFLICT (tenant) DO UPDATE SET size = excluded.size',
  );
}

/** The size of each of `tenants`' logs that has one. */
async function readSizes(
  tx: ReadStoreTransaction,
  tenants: readonly string[],
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (let offset = 0; offset < tenants.length; offset += TENANTS_PER_QUERY) {
    const chunk = tenants.slice(offset, offset + TENANTS_PER_QUERY);
    const list = chunk.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await tx.query(
      `SELECT tenant, size FROM audit_log_trees WHERE tenant IN (${list})`,
      chunk,
    );
    for (const row of rows) sizes.set(asString(row.tenant), asNumber(row.size));
  }
  return sizes;
}

/** The frontier nodes of every log of `sizes`, by tenant and node key. */
async function readFrontiers(
  tx: ReadStoreTransaction,
  sizes: ReadonlyMap<string, number>,
): Promise<Map<string, Map<string, Uint8Array>>> {
  const wanted: { tenant: string; id: NodeId }[] = [];
  for (const [tenant, size] of sizes) {
    for (const id of subtreesCovering(0, size)) wanted.push({ tenant, id });
  }
  const found = new Map<string, Map<string, Uint8Array>>();
  for (let offset = 0; offset < wanted.length; offset += NODES_PER_QUERY) {
    const params: SqlValue[] = [];
    // Each term names its tenant: SQLite then looks every key up in the primary key's index
    // (see SqlHashStore.readNodes).
    const terms = wanted.slice(offset, offset + NODES_PER_QUERY).map(({ tenant, id }) => {
      params.push(tenant, id.level, id.index);
      const n = params.length;
      return `(tenant = $${n - 2} AND level = $${n - 1} AND idx = $${n})`;
    });
    const rows = await tx.query(
      `SELECT tenant, level, idx, hash FROM audit_log_nodes WHERE ${terms.join(' OR ')}`,
      params,
    );
    for (const row of rows) {
      const tenant = asString(row.tenant);
      const nodes = found.get(tenant) ?? new Map<string, Uint8Array>();
      nodes.set(
        nodeKey({ level: asNumber(row.level), index: asNumber(row.idx) }),
        asBytes(row.hash),
      );
      found.set(tenant, nodes);
    }
  }
  return found;
}

import type { HashStore, StoredNode } from '../merkle/hash-store.port';
import { MissingNodeError } from '../merkle/merkle.errors';
import { type NodeId, nodeKey } from '../merkle/node-id';
import type { SqlExecutor, SqlValue } from '../../read-store/read-store.port';
import { asNumber } from '../../read-store';

/**
 * One tenant log's subtree hashes in the read store's `audit_log_nodes`. Writes go through
 * the projection's transaction; reads through any executor (the store, or a transaction).
 */
export class SqlHashStore implements HashStore {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly tenant: string,
  ) {}

  async readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    if (ids.length === 0) return [];
    const params: SqlValue[] = [this.tenant];
    // The tenant is repeated in every term: with it factored out, SQLite scans the tenant's
    // whole tree once there are three terms, instead of looking up each key in the index.
    const wanted = ids.map((id) => {
      params.push(id.level, id.index);
      return `(tenant = $1 AND level = $${params.length - 1} AND idx = $${params.length})`;
    });
    const rows = await this.sql.query(
      `SELECT level, idx, hash FROM audit_log_nodes WHERE ${wanted.join(' OR ')}`,
      params,
    );
    const found = new Map(
      rows.map((row) => [
        nodeKey({ level: asNumber(row.level), index: asNumber(row.idx) }),
        asBytes(row.hash),
      ]),
    );
    return ids.map((id) => {
      const hash = found.get(nodeKey(id));
      if (hash === undefined) throw new MissingNodeError(id.level, id.index);
      return hash;
    });
  }

  async writeNodes(nodes: readonly StoredNode[]): Promise<void> {
    if (nodes.length === 0) return;
    const params: SqlValue[] = [];
    const rows = nodes.map((node) => {
      params.push(this.tenant, node.level, node.index, node.hash);
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await this.sql.execute(
      `INSERT INTO audit_log_nodes (tenant, level, idx, hash) VALUES ${rows.join(', ')}`,
      params,
    );
  }
}

/** pg returns BYTEA as a Buffer, node:sqlite a BLOB as a Uint8Array. */
export function asBytes(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new TypeError('expected a binary column value');
}

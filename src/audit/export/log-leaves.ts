import type { SqlExecutor, SqlValue } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';
import type { ChainLink } from '../leaf';
import { linkOf } from '../log/leaf-link-row';

/** One row of `audit_log_leaves`: which event the log put at a leaf. */
export interface LogLeaf {
  readonly leafIndex: number;
  /** Lower case, as the projection stores it. */
  readonly eventId: string;
  /** Decimal global position. */
  readonly position: string;
  /** What the leaf links to: undefined for a format-1 leaf (docs/adr/0041). */
  readonly link: ChainLink | undefined;
}

const LEAF_COLUMNS = 'leaf_index, event_id, position, leaf_format, previous_leaf, previous_hash';

/** Ids per statement: well below both dialects' limits on bound parameters. */
const IDS_PER_QUERY = 500;

/** The leaves of the given event ids in the tenant's log, in leaf order. */
export async function leavesOfEvents(
  sql: SqlExecutor,
  tenant: string,
  eventIds: readonly string[],
): Promise<LogLeaf[]> {
  const ids = [...new Set(eventIds.map((id) => id.toLowerCase()))];
  const leaves: LogLeaf[] = [];
  for (let offset = 0; offset < ids.length; offset += IDS_PER_QUERY) {
    const chunk = ids.slice(offset, offset + IDS_PER_QUERY);
    const params: SqlValue[] = [tenant, ...chunk];
    const placeholders = chunk.map((_, i) => `$${i + 2}`).join(', ');
    const rows = await sql.query(
      `SELECT ${LEAF_COLUMNS} FROM audit_log_leaves
       WHERE tenant = $1 AND event_id IN (${placeholders})`,
      params,
    );
    leaves.push(...rows.map(toLeaf));
  }
  return leaves.sort((a, b) => a.leafIndex - b.leafIndex);
}

/** At most `limit` leaves of the tenant's log from `fromIndex` on, below `endIndex`, in order. */
export async function leafPage(
  sql: SqlExecutor,
  tenant: string,
  fromIndex: number,
  endIndex: number,
  limit: number,
): Promise<LogLeaf[]> {
  const rows = await sql.query(
    `SELECT ${LEAF_COLUMNS} FROM audit_log_leaves
     WHERE tenant = $1 AND leaf_index >= $2 AND leaf_index < $3
     ORDER BY leaf_index LIMIT $4`,
    [tenant, fromIndex, endIndex, limit],
  );
  return rows.map(toLeaf);
}

function toLeaf(row: Record<string, unknown>): LogLeaf {
  return {
    leafIndex: asNumber(row.leaf_index),
    eventId: asString(row.event_id),
    position: asString(row.position),
    link: linkOf(row),
  };
}

import type { SqlExecutor } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';

/** How many leaves a tenant's log holds; 0 before its first event. */
export async function readLogSize(sql: SqlExecutor, tenant: string): Promise<number> {
  const rows = await sql.query('SELECT size FROM audit_log_trees WHERE tenant = $1', [tenant]);
  return rows[0] === undefined ? 0 : asNumber(rows[0].size);
}

/** Every log and its size. */
export async function readLogSizes(sql: SqlExecutor): Promise<Map<string, number>> {
  const rows = await sql.query('SELECT tenant, size FROM audit_log_trees ORDER BY tenant');
  return new Map(rows.map((row) => [asString(row.tenant), asNumber(row.size)]));
}

import { asNumber, asString } from '../../read-store';
import type { ReadStoreTransaction, SqlExecutor } from '../../read-store/read-store.port';

/** The clock row's key in the heads table: no tenant id is empty. */
const CLOCK = '';

/**
 * Per tenant the last feed position given out (the head), and, under the empty key, the
 * feed's clock: the latest transaction time of any event applied so far (epoch ms). Both
 * live with the projection, so a rebuild gives the same positions and the same instants.
 */
export class FeedHeadsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_heads`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT PRIMARY KEY,
      position BIGINT NOT NULL
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  /** The tenant's head: 0 while its feed is empty. */
  async head(executor: SqlExecutor, tenantId: string): Promise<number> {
    const [row] = await executor.query(`SELECT position FROM ${this.name} WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return row === undefined ? 0 : asNumber(row.position);
  }

  /** Every tenant's head (tenants with an empty feed have none). */
  async heads(executor: SqlExecutor): Promise<TenantHead[]> {
    const rows = await executor.query(
      `SELECT tenant_id, position FROM ${this.name} WHERE tenant_id <> $1`,
      [CLOCK],
    );
    return rows.map((row) => ({ tenantId: asString(row.tenant_id), head: asNumber(row.position) }));
  }

  async setHead(tx: ReadStoreTransaction, tenantId: string, position: number): Promise<void> {
    await tx.execute(
      `INSERT INTO ${this.name} (tenant_id, position) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET position = excluded.position`,
      [tenantId, position],
    );
  }

  /** The feed's clock (epoch ms); -Infinity before the first event. */
  async clock(executor: SqlExecutor): Promise<number> {
    const [row] = await executor.query(`SELECT position FROM ${this.name} WHERE tenant_id = $1`, [
      CLOCK,
    ]);
    return row === undefined ? -Infinity : asNumber(row.position);
  }

  async setClock(tx: ReadStoreTransaction, at: number): Promise<void> {
    await this.setHead(tx, CLOCK, at);
  }
}

/** A tenant's last feed position. */
export interface TenantHead {
  readonly tenantId: string;
  readonly head: number;
}

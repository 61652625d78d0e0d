import { asNumber, asString } from '../../read-store';
import type { ReadStoreTransaction, SqlExecutor } from '../../read-store/read-store.port';
import type { IsoInstant } from '../../shared/time/instant';

/** One recorded acknowledgement: every change up to `position` applied by `acknowledgedAt`. */
export interface StoredAcknowledgement {
  readonly position: number;
  /** The acknowledgement event's recorded (transaction) time. */
  readonly acknowledgedAt: IsoInstant;
}

/**
 * Every acknowledgement of every recipient, keyed by (tenant, recipient, position). The
 * decider records only forward moves, so positions and times rise together per recipient.
 */
export class AcknowledgementsTable {
  readonly name: string;

  constructor(projection: string) {
    this.name = `${projection}_acknowledgements`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      recipient TEXT NOT NULL,
      position BIGINT NOT NULL,
      acknowledged_at TEXT NOT NULL,
      PRIMARY KEY (tenant_id, recipient, position)
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async insert(
    tx: ReadStoreTransaction,
    tenantId: string,
    recipient: string,
    acknowledgement: StoredAcknowledgement,
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO ${this.name} (tenant_id, recipient, position, acknowledged_at)
       VALUES ($1, $2, $3, $4)`,
      [tenantId, recipient, acknowledgement.position, acknowledgement.acknowledgedAt],
    );
  }

  /** The recipient's acknowledgements, in position order. */
  async list(
    executor: SqlExecutor,
    tenantId: string,
    recipient: string,
  ): Promise<StoredAcknowledgement[]> {
    const rows = await executor.query(
      `SELECT position, acknowledged_at FROM ${this.name}
       WHERE tenant_id = $1 AND recipient = $2 ORDER BY position`,
      [tenantId, recipient],
    );
    return rows.map((row) => ({
      position: asNumber(row.position),
      acknowledgedAt: asString(row.acknowledged_at),
    }));
  }

  /** Every recipient's last acknowledged position, keyed by `tenant\u0000recipient`. */
  async lastPositions(executor: SqlExecutor): Promise<Map<string, number>> {
    const rows = await executor.query(
      `SELECT tenant_id, recipient, MAX(position) AS position FROM ${this.name}
       GROUP BY tenant_id, recipient`,
    );
    return new Map(
      rows.map((row) => [
        recipientKey(asString(row.tenant_id), asString(row.recipient)),
        asNumber(row.position),
      ]),
    );
  }
}

export function recipientKey(tenantId: string, recipient: string): string {
  return `${tenantId}\u0000${recipient}`;
}

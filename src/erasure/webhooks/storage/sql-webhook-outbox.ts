import { asNumber, asString } from '../../../read-store';
import type { KeysSchema, KeysSql } from '../../../keys';
import type {
  AttemptRecord,
  DeliveryCount,
  NewChangeDelivery,
  NewDelivery,
  WebhookDelivery,
} from '../outbox/webhook-delivery';
import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import { asDeliveryState, DELIVERY_COLUMNS, deliveryOf } from './delivery-row';

/** States a delivery can still leave by being attempted. */
const OPEN_STATES_SQL = "('pending', 'unconfigured', 'failing')";

export const OUTBOX_TABLES: KeysSchema = (d) => `
  CREATE TABLE IF NOT EXISTS ${d.table('erasure_webhook_deliveries')} (
    delivery_id     ${d.text} PRIMARY KEY,
    tenant_id       ${d.text} NOT NULL,
    subject_id      ${d.text} NOT NULL,
    erasure_id      ${d.text} NOT NULL,
    recipient       ${d.text} NOT NULL,
    created_at      ${d.bigint} NOT NULL,
    state           ${d.text} NOT NULL,
    attempts        ${d.integer} NOT NULL DEFAULT 0,
    next_attempt_at ${d.bigint} NOT NULL,
    claimed_until   ${d.bigint},
    last_attempt_at ${d.bigint},
    last_status     ${d.integer},
    last_error      ${d.text},
    kind            ${d.text} NOT NULL DEFAULT 'erasure.requested',
    after_position  ${d.bigint},
    up_to           ${d.bigint}
  )${d.tableOptions};
  CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_due
    ON ${d.table('erasure_webhook_deliveries')} (next_attempt_at) WHERE state IN ${OPEN_STATES_SQL};
  CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_by_erasure
    ON ${d.table('erasure_webhook_deliveries')} (tenant_id, subject_id, erasure_id);
`;

/** Columns added for permission-change batches (ADR 0046), to tables created before them. */
const CHANGE_COLUMNS = (d: Parameters<KeysSchema>[0]) => [
  `kind ${d.text} NOT NULL DEFAULT 'erasure.requested'`,
  `after_position ${d.bigint}`,
  `up_to ${d.bigint}`,
];

/**
 * Adds the change columns to an outbox created before them. SQLite has no `ADD COLUMN IF
 * NOT EXISTS`: a column that is there already (another process added it) is no failure.
 */
export async function addChangeColumns(db: KeysSql): Promise<void> {
  const table = db.sql.table('erasure_webhook_deliveries');
  const ifMissing = db.dialect === 'postgres' ? 'IF NOT EXISTS ' : '';
  for (const column of CHANGE_COLUMNS(db.sql)) {
    try {
      await db.execute(`ALTER TABLE ${table} ADD COLUMN ${ifMissing}${column}`);
    } catch (error) {
      if (!/duplicate column/i.test(String(error))) throw error;
    }
  }
  await db.execute(
    `CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_changes
       ON ${table} (tenant_id, recipient, up_to) WHERE kind = 'consent.changed'`,
  );
}

/** The deliveries table, in the keys SQLite file or the key store's PostgreSQL schema. */
export class SqlWebhookOutbox implements WebhookOutbox {
  private readonly table: string;

  constructor(private readonly db: KeysSql) {
    this.table = db.sql.table('erasure_webhook_deliveries');
  }

  async enqueue(d: NewDelivery): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${this.table}
         (delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at, state, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $6) ON CONFLICT DO NOTHING`,
      [d.deliveryId, d.tenantId, d.subjectId, d.erasureId, d.recipient, d.createdAt],
    );
  }

  /** Subject and erasure are empty on a change batch: it concerns no one subject. */
  async enqueueChanges(d: NewChangeDelivery): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${this.table}
         (delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at, state,
          next_attempt_at, kind, after_position, up_to)
       VALUES ($1, $2, '', '', $3, $4, 'pending', $4, 'consent.changed', $5, $6)
       ON CONFLICT DO NOTHING`,
      [d.deliveryId, d.tenantId, d.recipient, d.createdAt, d.after, d.upTo],
    );
  }

  async latestChanges(tenantId: string, recipient: string): Promise<WebhookDelivery | undefined> {
    const rows = await this.db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM ${this.table}
       WHERE tenant_id = $1 AND recipient = $2 AND kind = 'consent.changed'
       ORDER BY up_to DESC LIMIT 1`,
      [tenantId, recipient],
    );
    return rows.map(deliveryOf)[0];
  }

  /**
   * One statement selects and leases, so two processes never lease the same rows: SQLite
   * runs it under the write lock it takes first; on PostgreSQL, SKIP LOCKED makes replicas
   * leasing at the same moment take different rows instead of waiting for each other.
   */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<WebhookDelivery[]> {
    const skipLocked = this.db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.query(
      `UPDATE ${this.table} SET claimed_until = $2
       WHERE delivery_id IN (
         SELECT delivery_id FROM ${this.table}
         WHERE state IN ${OPEN_STATES_SQL} AND next_attempt_at <= $1
           AND (claimed_until IS NULL OR claimed_until <= $1)
         ORDER BY next_attempt_at, delivery_id LIMIT $3
         ${skipLocked})
       RETURNING ${DELIVERY_COLUMNS}`,
      [now, now + leaseMs, limit],
    );
    // RETURNING gives no order.
    return rows
      .map(deliveryOf)
      .sort(
        (a, b) => a.nextAttemptAt - b.nextAttemptAt || a.deliveryId.localeCompare(b.deliveryId),
      );
  }

  async recordAttempt(deliveryId: string, a: AttemptRecord): Promise<void> {
    await this.db.execute(
      `UPDATE ${this.table} SET state = $1, attempts = attempts + 1, next_attempt_at = $2,
         claimed_until = NULL, last_attempt_at = $3, last_status = $4, last_error = $5
       WHERE delivery_id = $6 AND state <> 'delivered'`,
      [a.state, a.nextAttemptAt, a.at, a.status, a.error, deliveryId],
    );
  }

  async markUnconfigured(deliveryId: string, nextAttemptAt: number): Promise<void> {
    await this.db.execute(
      `UPDATE ${this.table} SET state = 'unconfigured', next_attempt_at = $1, claimed_until = NULL
       WHERE delivery_id = $2 AND state IN ${OPEN_STATES_SQL}`,
      [nextAttemptAt, deliveryId],
    );
  }

  wake(tenantId: string, recipient: string, now: number): Promise<number> {
    return this.db.execute(
      `UPDATE ${this.table} SET state = 'pending', next_attempt_at = $1,
         attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END
       WHERE tenant_id = $2 AND recipient = $3 AND state IN ('unconfigured', 'failed', 'failing')`,
      [now, tenantId, recipient],
    );
  }

  async ofErasure(
    tenantId: string,
    subjectId: string,
    erasureId: string,
  ): Promise<WebhookDelivery[]> {
    const rows = await this.db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM ${this.table}
       WHERE tenant_id = $1 AND subject_id = $2 AND erasure_id = $3
         AND kind = 'erasure.requested' ORDER BY recipient, created_at`,
      [tenantId, subjectId, erasureId],
    );
    return rows.map(deliveryOf);
  }

  async countsByState(): Promise<DeliveryCount[]> {
    const rows = await this.db.query(
      `SELECT tenant_id, state, count(*) AS n FROM ${this.table}
       GROUP BY tenant_id, state ORDER BY tenant_id, state`,
    );
    return rows.map((row) => ({
      tenantId: asString(row.tenant_id),
      state: asDeliveryState(row.state),
      count: asNumber(row.n),
    }));
  }
}

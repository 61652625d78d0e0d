import type { Pool } from 'pg';
import type { WrappedKey } from '../../../keys/kek/key-encryption-keys.port';
import { postgresCall } from '../../../keys/storage/postgres-key-errors';
import { openKeysPool, type PostgresKeysOptions } from '../../../keys/storage/postgres-keys-pool';
import type {
  AttemptRecord,
  DeliveryCount,
  DeliveryState,
  NewDelivery,
  WebhookDelivery,
} from '../outbox/webhook-delivery';
import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import type { WebhookSecretRows, WrappedSecretRow } from '../secrets/webhook-secret-rows.port';
import { deliveryOf } from './delivery-row';
import {
  DELIVERY_COLUMNS,
  type DeliveryRow,
  OPEN_STATES_SQL,
  type WebhookStorage,
} from './webhook-storage';

const DDL = (s: string): string => `
  CREATE TABLE IF NOT EXISTS ${s}.erasure_webhook_deliveries (
    delivery_id     text PRIMARY KEY,
    tenant_id       text   NOT NULL,
    subject_id      text   NOT NULL,
    erasure_id      text   NOT NULL,
    recipient       text   NOT NULL,
    created_at      bigint NOT NULL,
    state           text   NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    claimed_until   bigint,
    last_attempt_at bigint,
    last_status     integer,
    last_error      text
  );
  CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_due
    ON ${s}.erasure_webhook_deliveries (next_attempt_at) WHERE state IN ${OPEN_STATES_SQL};
  CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_by_erasure
    ON ${s}.erasure_webhook_deliveries (tenant_id, subject_id, erasure_id);
  CREATE TABLE IF NOT EXISTS ${s}.processor_webhook_secrets (
    tenant_id  text        NOT NULL,
    recipient  text        NOT NULL,
    secret_id  text        NOT NULL,
    kek_id     text        NOT NULL,
    wrapped    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, recipient, secret_id)
  );
`;

/** Opens the outbox and secret tables in the key store's PostgreSQL schema. */
export async function openPostgresWebhookStorage(
  options: PostgresKeysOptions,
): Promise<WebhookStorage> {
  const { pool, schema } = await openKeysPool(options, DDL, 'webhook_store');
  return {
    outbox: new PostgresWebhookOutbox(pool, `${schema}.erasure_webhook_deliveries`),
    secretRows: new PostgresWebhookSecretRows(pool, `${schema}.processor_webhook_secrets`),
    close: () => pool.end(),
  };
}

class PostgresWebhookOutbox implements WebhookOutbox {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  enqueue(d: NewDelivery): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `INSERT INTO ${this.table}
           (delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at, state, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $6) ON CONFLICT DO NOTHING`,
        [d.deliveryId, d.tenantId, d.subjectId, d.erasureId, d.recipient, d.createdAt],
      );
    });
  }

  claimDue(now: number, limit: number, leaseMs: number): Promise<WebhookDelivery[]> {
    return postgresCall(async () => {
      // SKIP LOCKED: replicas leasing at the same moment take different rows.
      const { rows } = await this.pool.query<DeliveryRow>(
        `UPDATE ${this.table} SET claimed_until = $2
         WHERE delivery_id IN (
           SELECT delivery_id FROM ${this.table}
           WHERE state IN ${OPEN_STATES_SQL} AND next_attempt_at <= $1
             AND (claimed_until IS NULL OR claimed_until <= $1)
           ORDER BY next_attempt_at, delivery_id LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING ${DELIVERY_COLUMNS}`,
        [now, now + leaseMs, limit],
      );
      return rows
        .map(deliveryOf)
        .sort(
          (a, b) => a.nextAttemptAt - b.nextAttemptAt || a.deliveryId.localeCompare(b.deliveryId),
        );
    });
  }

  recordAttempt(deliveryId: string, a: AttemptRecord): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `UPDATE ${this.table} SET state = $1, attempts = attempts + 1, next_attempt_at = $2,
           claimed_until = NULL, last_attempt_at = $3, last_status = $4, last_error = $5
         WHERE delivery_id = $6 AND state <> 'delivered'`,
        [a.state, a.nextAttemptAt, a.at, a.status, a.error, deliveryId],
      );
    });
  }

  markUnconfigured(deliveryId: string, nextAttemptAt: number): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `UPDATE ${this.table} SET state = 'unconfigured', next_attempt_at = $1, claimed_until = NULL
         WHERE delivery_id = $2 AND state IN ${OPEN_STATES_SQL}`,
        [nextAttemptAt, deliveryId],
      );
    });
  }

  wake(tenantId: string, recipient: string, now: number): Promise<number> {
    return postgresCall(async () => {
      const result = await this.pool.query(
        `UPDATE ${this.table} SET state = 'pending', next_attempt_at = $1,
           attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END
         WHERE tenant_id = $2 AND recipient = $3 AND state IN ('unconfigured', 'failed', 'failing')`,
        [now, tenantId, recipient],
      );
      return result.rowCount ?? 0;
    });
  }

  ofErasure(tenantId: string, subjectId: string, erasureId: string): Promise<WebhookDelivery[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM ${this.table}
         WHERE tenant_id = $1 AND subject_id = $2 AND erasure_id = $3 ORDER BY recipient, created_at`,
        [tenantId, subjectId, erasureId],
      );
      return rows.map(deliveryOf);
    });
  }

  countsByState(): Promise<DeliveryCount[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ tenant_id: string; state: string; n: string }>(
        `SELECT tenant_id, state, count(*) AS n FROM ${this.table}
         GROUP BY tenant_id, state ORDER BY tenant_id, state`,
      );
      return rows.map((row) => ({
        tenantId: row.tenant_id,
        state: row.state as DeliveryState,
        count: Number(row.n),
      }));
    });
  }
}

interface SecretRow {
  tenant_id: string;
  recipient: string;
  secret_id: string;
  kek_id: string;
  wrapped: Buffer;
}

class PostgresWebhookSecretRows implements WebhookSecretRows {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  insert(row: WrappedSecretRow): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `INSERT INTO ${this.table} (tenant_id, recipient, secret_id, kek_id, wrapped)
         VALUES ($1, $2, $3, $4, $5)`,
        [row.tenantId, row.recipient, row.secretId, row.kekId, row.wrapped],
      );
    });
  }

  find(tenantId: string, recipient: string, secretId: string): Promise<WrappedKey | undefined> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ kek_id: string; wrapped: Buffer }>(
        `SELECT kek_id, wrapped FROM ${this.table}
         WHERE tenant_id = $1 AND recipient = $2 AND secret_id = $3`,
        [tenantId, recipient, secretId],
      );
      const row = rows[0];
      return row && { kekId: row.kek_id, wrapped: row.wrapped };
    });
  }

  remove(tenantId: string, recipient: string, secretId: string): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `DELETE FROM ${this.table} WHERE tenant_id = $1 AND recipient = $2 AND secret_id = $3`,
        [tenantId, recipient, secretId],
      );
    });
  }

  kekIdsInUse(): Promise<string[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<{ kek_id: string }>(
        `SELECT DISTINCT kek_id FROM ${this.table} ORDER BY kek_id`,
      );
      return rows.map((row) => row.kek_id);
    });
  }

  wrappedOutside(kekId: string): Promise<WrappedSecretRow[]> {
    return postgresCall(async () => {
      const { rows } = await this.pool.query<SecretRow>(
        `SELECT tenant_id, recipient, secret_id, kek_id, wrapped FROM ${this.table}
         WHERE kek_id <> $1 ORDER BY tenant_id, recipient, secret_id`,
        [kekId],
      );
      return rows.map((row) => ({
        tenantId: row.tenant_id,
        recipient: row.recipient,
        secretId: row.secret_id,
        kekId: row.kek_id,
        wrapped: row.wrapped,
      }));
    });
  }

  replaceWrapped(previous: WrappedSecretRow, next: WrappedKey): Promise<boolean> {
    return postgresCall(async () => {
      const result = await this.pool.query(
        `UPDATE ${this.table} SET kek_id = $1, wrapped = $2
         WHERE tenant_id = $3 AND recipient = $4 AND secret_id = $5 AND kek_id = $6 AND wrapped = $7`,
        [
          next.kekId,
          next.wrapped,
          previous.tenantId,
          previous.recipient,
          previous.secretId,
          previous.kekId,
          previous.wrapped,
        ],
      );
      return result.rowCount === 1;
    });
  }
}

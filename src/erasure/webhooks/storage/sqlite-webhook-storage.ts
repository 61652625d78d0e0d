import type { DatabaseSync } from 'node:sqlite';
import type { WrappedKey } from '../../../keys/kek/key-encryption-keys.port';
import { openKeysDatabase, sqliteCall } from '../../../keys/storage/sqlite-keys-database';
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

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS erasure_webhook_deliveries (
    delivery_id     TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    erasure_id      TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    last_attempt_at INTEGER,
    last_status     INTEGER,
    last_error      TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_due
    ON erasure_webhook_deliveries (next_attempt_at) WHERE state IN ${OPEN_STATES_SQL};
  CREATE INDEX IF NOT EXISTS erasure_webhook_deliveries_by_erasure
    ON erasure_webhook_deliveries (tenant_id, subject_id, erasure_id);
  CREATE TABLE IF NOT EXISTS processor_webhook_secrets (
    tenant_id  TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    secret_id  TEXT NOT NULL,
    kek_id     TEXT NOT NULL,
    wrapped    BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, recipient, secret_id)
  ) STRICT;
`;

/** Opens the outbox and secret tables in the keys SQLite file, on a connection of their own. */
export function openSqliteWebhookStorage(path: string): WebhookStorage {
  const db = openKeysDatabase(path, SCHEMA);
  return {
    outbox: new SqliteWebhookOutbox(db),
    secretRows: new SqliteWebhookSecretRows(db),
    close: () =>
      sqliteCall(() => {
        if (db.isOpen) db.close();
      }),
  };
}

class SqliteWebhookOutbox implements WebhookOutbox {
  constructor(private readonly db: DatabaseSync) {}

  enqueue(d: NewDelivery): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare(
          `INSERT INTO erasure_webhook_deliveries
             (delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at, state, next_attempt_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING`,
        )
        .run(
          d.deliveryId,
          d.tenantId,
          d.subjectId,
          d.erasureId,
          d.recipient,
          d.createdAt,
          d.createdAt,
        );
    });
  }

  claimDue(now: number, limit: number, leaseMs: number): Promise<WebhookDelivery[]> {
    return sqliteCall(() => {
      // IMMEDIATE takes the write lock first, so two processes never lease the same rows.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const rows = this.db
          .prepare(
            `SELECT ${DELIVERY_COLUMNS} FROM erasure_webhook_deliveries
             WHERE state IN ${OPEN_STATES_SQL} AND next_attempt_at <= ?
               AND (claimed_until IS NULL OR claimed_until <= ?)
             ORDER BY next_attempt_at, delivery_id LIMIT ?`,
          )
          .all(now, now, limit) as unknown as DeliveryRow[];
        const lease = this.db.prepare(
          'UPDATE erasure_webhook_deliveries SET claimed_until = ? WHERE delivery_id = ?',
        );
        for (const row of rows) lease.run(now + leaseMs, row.delivery_id);
        this.db.exec('COMMIT');
        return rows.map(deliveryOf);
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  recordAttempt(deliveryId: string, a: AttemptRecord): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare(
          `UPDATE erasure_webhook_deliveries SET state = ?, attempts = attempts + 1,
             next_attempt_at = ?, claimed_until = NULL, last_attempt_at = ?, last_status = ?,
             last_error = ?
           WHERE delivery_id = ? AND state <> 'delivered'`,
        )
        .run(a.state, a.nextAttemptAt, a.at, a.status, a.error, deliveryId);
    });
  }

  markUnconfigured(deliveryId: string, nextAttemptAt: number): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare(
          `UPDATE erasure_webhook_deliveries SET state = 'unconfigured', next_attempt_at = ?,
             claimed_until = NULL
           WHERE delivery_id = ? AND state IN ${OPEN_STATES_SQL}`,
        )
        .run(nextAttemptAt, deliveryId);
    });
  }

  wake(tenantId: string, recipient: string, now: number): Promise<number> {
    return sqliteCall(() => {
      const result = this.db
        .prepare(
          `UPDATE erasure_webhook_deliveries SET state = 'pending', next_attempt_at = ?,
             attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END
           WHERE tenant_id = ? AND recipient = ? AND state IN ('unconfigured', 'failed', 'failing')`,
        )
        .run(now, tenantId, recipient);
      return Number(result.changes);
    });
  }

  ofErasure(tenantId: string, subjectId: string, erasureId: string): Promise<WebhookDelivery[]> {
    return sqliteCall(() =>
      (
        this.db
          .prepare(
            `SELECT ${DELIVERY_COLUMNS} FROM erasure_webhook_deliveries
             WHERE tenant_id = ? AND subject_id = ? AND erasure_id = ? ORDER BY recipient, created_at`,
          )
          .all(tenantId, subjectId, erasureId) as unknown as DeliveryRow[]
      ).map(deliveryOf),
    );
  }

  countsByState(): Promise<DeliveryCount[]> {
    return sqliteCall(() =>
      (
        this.db
          .prepare(
            `SELECT tenant_id, state, count(*) AS n FROM erasure_webhook_deliveries
             GROUP BY tenant_id, state ORDER BY tenant_id, state`,
          )
          .all() as unknown as { tenant_id: string; state: string; n: number }[]
      ).map((row) => ({
        tenantId: row.tenant_id,
        state: row.state as DeliveryState,
        count: Number(row.n),
      })),
    );
  }
}

interface SecretRow {
  tenant_id: string;
  recipient: string;
  secret_id: string;
  kek_id: string;
  wrapped: Uint8Array;
}

class SqliteWebhookSecretRows implements WebhookSecretRows {
  constructor(private readonly db: DatabaseSync) {}

  insert(row: WrappedSecretRow): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare(
          `INSERT INTO processor_webhook_secrets (tenant_id, recipient, secret_id, kek_id, wrapped, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.tenantId,
          row.recipient,
          row.secretId,
          row.kekId,
          row.wrapped,
          new Date().toISOString(),
        );
    });
  }

  find(tenantId: string, recipient: string, secretId: string): Promise<WrappedKey | undefined> {
    return sqliteCall(() => {
      const row = this.db
        .prepare(
          `SELECT kek_id, wrapped FROM processor_webhook_secrets
           WHERE tenant_id = ? AND recipient = ? AND secret_id = ?`,
        )
        .get(tenantId, recipient, secretId) as { kek_id: string; wrapped: Uint8Array } | undefined;
      return row && { kekId: row.kek_id, wrapped: Buffer.from(row.wrapped) };
    });
  }

  remove(tenantId: string, recipient: string, secretId: string): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare(
          'DELETE FROM processor_webhook_secrets WHERE tenant_id = ? AND recipient = ? AND secret_id = ?',
        )
        .run(tenantId, recipient, secretId);
    });
  }

  kekIdsInUse(): Promise<string[]> {
    return sqliteCall(() =>
      (
        this.db
          .prepare('SELECT DISTINCT kek_id FROM processor_webhook_secrets ORDER BY kek_id')
          .all() as unknown as { kek_id: string }[]
      ).map((row) => row.kek_id),
    );
  }

  wrappedOutside(kekId: string): Promise<WrappedSecretRow[]> {
    return sqliteCall(() =>
      (
        this.db
          .prepare(
            `SELECT tenant_id, recipient, secret_id, kek_id, wrapped FROM processor_webhook_secrets
             WHERE kek_id <> ? ORDER BY tenant_id, recipient, secret_id`,
          )
          .all(kekId) as unknown as SecretRow[]
      ).map((row) => ({
        tenantId: row.tenant_id,
        recipient: row.recipient,
        secretId: row.secret_id,
        kekId: row.kek_id,
        wrapped: Buffer.from(row.wrapped),
      })),
    );
  }

  replaceWrapped(previous: WrappedSecretRow, next: WrappedKey): Promise<boolean> {
    return sqliteCall(() => {
      const result = this.db
        .prepare(
          `UPDATE processor_webhook_secrets SET kek_id = ?, wrapped = ?
           WHERE tenant_id = ? AND recipient = ? AND secret_id = ? AND kek_id = ? AND wrapped = ?`,
        )
        .run(
          next.kekId,
          next.wrapped,
          previous.tenantId,
          previous.recipient,
          previous.secretId,
          previous.kekId,
          previous.wrapped,
        );
      return Number(result.changes) === 1;
    });
  }
}

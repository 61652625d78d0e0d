import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import type { WebhookSecretRows } from '../secrets/webhook-secret-rows.port';

/** The outbox and the secrets, on one connection (pool) to the key store's database. */
export interface WebhookStorage {
  readonly outbox: WebhookOutbox;
  readonly secretRows: WebhookSecretRows;
  close(): Promise<void>;
}

/** Columns of a delivery row, as both backends name them. */
export interface DeliveryRow {
  delivery_id: string;
  tenant_id: string;
  subject_id: string;
  erasure_id: string;
  recipient: string;
  created_at: number | string;
  state: string;
  attempts: number;
  next_attempt_at: number | string;
  last_attempt_at: number | string | null;
  last_status: number | null;
  last_error: string | null;
}

export const DELIVERY_COLUMNS =
  'delivery_id, tenant_id, subject_id, erasure_id, recipient, created_at, state, attempts, next_attempt_at, last_attempt_at, last_status, last_error';

/** States a delivery can still leave by being attempted. */
export const OPEN_STATES_SQL = "('pending', 'unconfigured', 'failing')";

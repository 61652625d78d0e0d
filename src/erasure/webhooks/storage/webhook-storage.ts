import type { WebhookOutbox } from '../outbox/webhook-outbox.port';
import type { WebhookSecretRows } from '../secrets/webhook-secret-rows.port';

/** The outbox and the secrets, on one connection (pool) to the key store's database. */
export interface WebhookStorage {
  readonly outbox: WebhookOutbox;
  readonly secretRows: WebhookSecretRows;
  close(): Promise<void>;
}

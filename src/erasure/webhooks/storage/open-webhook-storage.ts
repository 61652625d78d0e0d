import type { KeyStoreLocation, KeyStoreOpenOptions, KeysSchema } from '../../../keys';
import { openKeysSql } from '../../../keys';
import { addChangeColumns, OUTBOX_TABLES, SqlWebhookOutbox } from './sql-webhook-outbox';
import { SECRET_TABLES, SqlWebhookSecretRows } from './sql-webhook-secret-rows';
import type { WebhookStorage } from './webhook-storage';

/**
 * Opens the outbox and secret tables where the key store is (`KEY_STORE_URL`), never the
 * read store: in the keys SQLite file or the key store's PostgreSQL schema, on a connection
 * (pool) of their own.
 */
export async function openWebhookStorage(
  location: KeyStoreLocation,
  options: KeyStoreOpenOptions = {},
): Promise<WebhookStorage> {
  const tables: KeysSchema = (d) => OUTBOX_TABLES(d) + SECRET_TABLES(d);
  const db = await openKeysSql(location, tables, 'webhook_store', options);
  await addChangeColumns(db);
  return {
    outbox: new SqlWebhookOutbox(db),
    secretRows: new SqlWebhookSecretRows(db),
    close: () => db.close(),
  };
}

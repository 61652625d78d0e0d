import type {
  KeyStoreLocation,
  KeyStoreOpenOptions,
} from '../../../keys/storage/key-store-location';
import { openPostgresWebhookStorage } from './postgres-webhook-storage';
import { openSqliteWebhookStorage } from './sqlite-webhook-storage';
import type { WebhookStorage } from './webhook-storage';

/** Opens the webhook tables where the key store is (`KEY_STORE_URL`): never the read store. */
export async function openWebhookStorage(
  location: KeyStoreLocation,
  options: KeyStoreOpenOptions = {},
): Promise<WebhookStorage> {
  return location.kind === 'postgres'
    ? openPostgresWebhookStorage({ url: location.url, onError: options.onError })
    : openSqliteWebhookStorage(location.url);
}

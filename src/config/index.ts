/**
 * The public face of src/config: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { AppConfigModule } from './app-config.module';
export { APP_CONFIG } from './app-config.token';
export type {
  AppConfig,
  FeedSettings,
  KeyStoreKind,
  LogLevel,
  OidcIssuer,
  StoreLocation,
} from './app-config';
export { ConfigError } from './config-error';
export { loadConfig } from './load-config';
export type { HttpServerBounds, LoadSheddingSettings } from './overload-settings';
export { prepareDataDir } from './prepare-data-dir';
export type { ReceiptController, ReceiptSettings } from './receipt-settings';
export type { WebhookSettings } from './webhook-settings';

/**
 * The public face of src/erasure: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { ErasureModule } from './erasure.module';
export { WebhookSecrets } from './webhooks/secrets/webhook-secrets';
export { openWebhookStorage } from './webhooks/storage/open-webhook-storage';
export type { WebhookStorage } from './webhooks/storage/webhook-storage';

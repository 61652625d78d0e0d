/** `WebhookStorage`: the outbox and secret tables in the key store's database. */
export const WEBHOOK_STORAGE = Symbol('WebhookStorage');
/** `WebhookOutbox`: durable erasure webhook deliveries. */
export const WEBHOOK_OUTBOX = Symbol('WebhookOutbox');
/** `WebhookSecrets`: processors' signing secrets, wrapped by the KEK. */
export const WEBHOOK_SECRETS = Symbol('WebhookSecrets');
/** `HostResolver`: resolves webhook hosts; tests provide their own (global module). */
export const WEBHOOK_RESOLVER = Symbol('WebhookResolver');
/** Optional: a `HostResolver` a global module provides in place of the system's (tests). */
export const CUSTOM_WEBHOOK_RESOLVER = Symbol('CustomWebhookResolver');

import { createHmac, randomBytes } from 'node:crypto';

/**
 * Webhook signatures as the Standard Webhooks specification defines them
 * (https://www.standardwebhooks.com): the signed content is `<id>.<timestamp>.<raw body>`,
 * the signature is HMAC-SHA256 under the secret, sent as `v1,<base64>` in
 * `webhook-signature` (several space-separated during a rotation), with `webhook-id` and
 * `webhook-timestamp` (Unix seconds). Pure functions; a processor's side, which only
 * tests play, is in testing/webhook-verifier.ts.
 */

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** A fresh secret: 32 random bytes, written as `whsec_<base64>` as the specification does. */
export function generateWebhookSecret(): Buffer {
  return randomBytes(SECRET_BYTES);
}

export function encodeWebhookSecret(secret: Buffer): string {
  return `${WEBHOOK_SECRET_PREFIX}${secret.toString('base64')}`;
}

/** The HMAC-SHA256 of `<id>.<timestamp>.<body>` under `secret`, unencoded. */
export function webhookSignature(
  secret: Buffer,
  id: string,
  timestamp: string,
  body: string,
): Buffer {
  return createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest();
}

/** The three headers for one attempt of message `id`, sent at `nowSeconds`. */
export function signWebhook(
  secret: Buffer,
  id: string,
  nowSeconds: number,
  body: string,
): WebhookHeaders {
  const timestamp = String(Math.floor(nowSeconds));
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${webhookSignature(secret, id, timestamp, body).toString('base64')}`,
  };
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures as the Standard Webhooks specification defines them
 * (https://www.standardwebhooks.com): the signed content is `<id>.<timestamp>.<raw body>`,
 * the signature is HMAC-SHA256 under the secret, sent as `v1,<base64>` in
 * `webhook-signature` (several space-separated during a rotation), with `webhook-id` and
 * `webhook-timestamp` (Unix seconds). Pure functions: the sender and any processor
 * (tests imitate one) use the same code.
 */

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
/** How far a timestamp may lie from the verifier's clock: the specification's five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

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
  return `${SECRET_PREFIX}${secret.toString('base64')}`;
}

/** The key bytes of a `whsec_…` secret (or of a bare base64 one), or undefined if malformed. */
export function decodeWebhookSecret(encoded: string): Buffer | undefined {
  const base64 = encoded.startsWith(SECRET_PREFIX) ? encoded.slice(SECRET_PREFIX.length) : encoded;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const key = Buffer.from(base64, 'base64');
  return key.length > 0 ? key : undefined;
}

function signature(secret: Buffer, id: string, timestamp: string, body: string): Buffer {
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
    'webhook-signature': `v1,${signature(secret, id, timestamp, body).toString('base64')}`,
  };
}

export type VerificationFailure =
  | 'missing-headers'
  | 'invalid-timestamp'
  | 'timestamp-too-old'
  | 'timestamp-too-new'
  | 'no-matching-signature';

export type VerificationResult =
  | { readonly valid: true; readonly id: string; readonly timestamp: number }
  | { readonly valid: false; readonly reason: VerificationFailure };

/**
 * What a processor does with a delivery: checks the timestamp against its clock (replays
 * older than the tolerance fail) and looks for one `v1` signature that matches the raw
 * body, compared in constant time. `headers` as a Node request has them (lower-case names).
 */
export function verifyWebhook(
  secret: Buffer,
  headers: Readonly<Record<string, string | string[] | undefined>> | WebhookHeaders,
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerificationResult {
  const named = headers as Readonly<Record<string, string | string[] | undefined>>;
  const id = single(named['webhook-id']);
  const timestamp = single(named['webhook-timestamp']);
  const signatures = single(named['webhook-signature']);
  if (id === undefined || timestamp === undefined || signatures === undefined) {
    return { valid: false, reason: 'missing-headers' };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'invalid-timestamp' };
  const sentAt = Number(timestamp);
  if (sentAt < nowSeconds - toleranceSeconds) return { valid: false, reason: 'timestamp-too-old' };
  if (sentAt > nowSeconds + toleranceSeconds) return { valid: false, reason: 'timestamp-too-new' };
  const expected = signature(secret, id, timestamp, rawBody);
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      return { valid: true, id, timestamp: sentAt };
    }
  }
  return { valid: false, reason: 'no-matching-signature' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

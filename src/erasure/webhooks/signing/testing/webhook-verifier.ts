import { timingSafeEqual } from 'node:crypto';
import {
  WEBHOOK_SECRET_PREFIX,
  type WebhookHeaders,
  webhookSignature,
} from '../standard-webhook-signature';

/**
 * The receiving side of Standard Webhooks, which only tests play: they stand in for a
 * processor and check what the service sent.
 */

/** How far a timestamp may lie from the verifier's clock: the specification's five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** The key bytes of a `whsec_…` secret (or of a bare base64 one), or undefined if malformed. */
export function decodeWebhookSecret(encoded: string): Buffer | undefined {
  const base64 = encoded.startsWith(WEBHOOK_SECRET_PREFIX)
    ? encoded.slice(WEBHOOK_SECRET_PREFIX.length)
    : encoded;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const key = Buffer.from(base64, 'base64');
  return key.length > 0 ? key : undefined;
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
  const expected = webhookSignature(secret, id, timestamp, rawBody);
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

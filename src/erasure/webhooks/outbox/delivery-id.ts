import { createHash } from 'node:crypto';

/**
 * The delivery of an `erasure-processor-notified` event: a UUID-shaped digest of its id, so
 * replaying the event (a crash before the checkpoint, a rebuild) finds the same delivery.
 * It is also the `webhook-id`, which stays the same across attempts, as Standard Webhooks
 * asks, so a processor can drop duplicates.
 */
export function deliveryIdOf(notifiedEventId: string): string {
  return uuidOf(`consent-ledger/erasure-webhook/v1\u0000${notifiedEventId}`);
}

/**
 * The delivery of a recipient's permission changes up to a feed position (ADR 0046): the
 * same batch, enqueued again after a crash, finds the same delivery and `webhook-id`.
 */
export function changeDeliveryIdOf(tenantId: string, recipient: string, upTo: number): string {
  return uuidOf(
    `consent-ledger/consent-webhook/v1\u0000${tenantId}\u0000${recipient}\u0000${upTo}`,
  );
}

function uuidOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

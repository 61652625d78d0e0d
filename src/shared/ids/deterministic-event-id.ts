import { createHash } from 'node:crypto';

/**
 * Event ids derived from (tenant, idempotency key, stream, index): a retried request
 * appends the very same ids, and every adapter treats an append of ids it already holds
 * as the same append, so a retry can never record an event twice — even when the first
 * attempt's response was lost or the process died before recording the key.
 *
 * The result is an RFC 9562 version-8 (custom) UUID over the first 122 bits of SHA-256.
 * The idempotency key is the caller's opaque token and holds no personal data.
 */
export function deterministicEventId(
  tenantId: string,
  idempotencyKey: string,
  streamName: string,
  index: number,
): string {
  const hash = createHash('sha256')
    .update(
      `consent-ledger/event-id/v1\u0000${tenantId}\u0000${idempotencyKey}\u0000${streamName}\u0000${index}`,
    )
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

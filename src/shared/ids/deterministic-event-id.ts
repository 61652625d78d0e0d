import { nameBasedUuid } from './name-based-uuid';

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
  return nameBasedUuid(
    `consent-ledger/event-id/v1\u0000${tenantId}\u0000${idempotencyKey}\u0000${streamName}\u0000${index}`,
  );
}

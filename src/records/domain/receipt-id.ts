import { nameBasedUuid } from '../../shared/ids/name-based-uuid';

/**
 * A receipt's `consentReceiptID`, derived from the event it receipts: the same event always
 * gets the same receipt id, so a receipt can be issued again, from the ledger alone, and
 * still be the same receipt. The tenant is part of the name, as it is of every event id.
 */
export function receiptIdOf(tenantId: string, eventId: string): string {
  return nameBasedUuid(`consent-ledger/receipt-id/v1\u0000${tenantId}\u0000${eventId}`);
}

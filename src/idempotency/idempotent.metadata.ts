/** Metadata key `@Idempotent()` sets on the routes it marks. */
export const IDEMPOTENT = 'consent-ledger:idempotent';

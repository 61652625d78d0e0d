/** The `RecordIssuer` (controller, jurisdiction, notice) built from RECEIPT_* settings. */
export const RECORD_ISSUER = Symbol('RecordIssuer');

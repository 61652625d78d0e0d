/** Why a receipt or a record cannot be answered; each maps to one problem (records-problems.ts). */
export type RecordsRefusalCode = 'event-not-found' | 'not-a-consent-decision' | 'subject-erased';

/** Messages name event ids and pseudonyms only, never personal data. */
export class RecordsRefusal extends Error {
  constructor(
    readonly code: RecordsRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecordsRefusal';
  }
}

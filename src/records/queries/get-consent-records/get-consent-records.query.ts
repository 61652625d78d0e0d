import { Query } from '@nestjs/cqrs';

/** JSON-LD: an object whose members are JSON-LD keywords and DPV/DCT terms. */
export type ConsentRecordsDocument = Record<string, unknown>;

export class GetConsentRecordsQuery extends Query<ConsentRecordsDocument> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super();
  }
}

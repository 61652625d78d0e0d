import { Query } from '@nestjs/cqrs';

/** The signed certificate of a completed erasure, as the text of a C2SP signed note. */
export class GetErasureCertificateQuery extends Query<string> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly erasureId: string,
  ) {
    super();
  }
}

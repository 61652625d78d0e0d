import { Query } from '@nestjs/cqrs';

/** The pseudonym of the subject the app knows by `appSubjectId`, or undefined. */
export class FindSubjectQuery extends Query<string | undefined> {
  constructor(
    readonly tenantId: string,
    readonly appSubjectId: string,
  ) {
    super();
  }
}

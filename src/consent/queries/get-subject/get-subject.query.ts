import { Query } from '@nestjs/cqrs';
import type { SubjectView } from './subject.view';

export class GetSubjectQuery extends Query<SubjectView> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super();
  }
}

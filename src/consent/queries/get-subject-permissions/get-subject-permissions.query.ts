import { Query } from '@nestjs/cqrs';
import type { SubjectPermissionsView } from './subject-permissions.view';

export class GetSubjectPermissionsQuery extends Query<SubjectPermissionsView> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    /** Epoch ms; now when omitted. */
    readonly at?: number,
  ) {
    super();
  }
}

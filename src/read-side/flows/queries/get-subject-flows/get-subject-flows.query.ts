import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../../event-store/event-store.port';
import type { SubjectFlowsView } from './subject-flows.view';

export class GetSubjectFlowsQuery extends Query<SubjectFlowsView> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly limit: number,
    /** A `nextCursor` of this list, as given. */
    readonly cursor?: string,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}

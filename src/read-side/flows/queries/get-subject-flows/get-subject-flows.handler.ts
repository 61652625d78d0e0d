import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../shared/domain/domain-error';
import type { ReadStore } from '../../../../read-store/read-store.port';
import { READ_STORE } from '../../../../read-store';
import { ReadYourWrites } from '../../../../projections';
import { FlowAttemptsTable } from '../../flow-attempts.table';
import { FlowSubjectsTable } from '../../flow-subjects.table';
import { FLOWS } from '../../flows.projection';
import { decodeCursor, encodeCursor, isRevision } from '../../page-cursor';
import { GetSubjectFlowsQuery } from './get-subject-flows.query';
import { flowView, type SubjectFlowsView } from './subject-flows.view';

const LIST = 'subject-flows';

/** A page of one subject's syncs from the `flows` projection; an unknown subject is a 404. */
@QueryHandler(GetSubjectFlowsQuery)
export class GetSubjectFlowsHandler implements IQueryHandler<GetSubjectFlowsQuery> {
  private readonly subjects = new FlowSubjectsTable(FLOWS);
  private readonly attempts = new FlowAttemptsTable(FLOWS);

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly consistency: ReadYourWrites,
  ) {}

  async execute(query: GetSubjectFlowsQuery): Promise<SubjectFlowsView> {
    const { tenantId, subjectId, limit } = query;
    const after = query.cursor === undefined ? -1 : decodeCursor(LIST, query.cursor, isRevision);
    await this.consistency.reach(query.consistencyToken, [FLOWS]);
    const position = this.consistency.positionOf(FLOWS);
    if (!(await this.subjects.has(this.store, tenantId, subjectId))) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    // One more than asked tells whether another page follows.
    const flows = await this.attempts.page(this.store, tenantId, subjectId, after, limit + 1);
    const page = flows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      subjectId,
      answeredAtPosition: position.toString(),
      flows: page.map(flowView),
      ...(flows.length > limit && last ? { nextCursor: encodeCursor(LIST, last.revision) } : {}),
    };
  }
}

import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SUBJECT_LOOKUP } from '../../../keys/keys.tokens';
import type { SubjectLookup } from '../../../keys/subject-lookup/subject-lookup.port';
import { FindSubjectQuery } from './find-subject.query';

@QueryHandler(FindSubjectQuery)
export class FindSubjectHandler implements IQueryHandler<FindSubjectQuery> {
  constructor(@Inject(SUBJECT_LOOKUP) private readonly lookup: SubjectLookup) {}

  execute({ tenantId, appSubjectId }: FindSubjectQuery): Promise<string | undefined> {
    return this.lookup.find(tenantId, appSubjectId);
  }
}

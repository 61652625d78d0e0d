import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SUBJECT_LOOKUP } from '../../../keys';
import type { SubjectLookup } from '../../../keys/subject-lookup/subject-lookup.port';
import { SubjectReader } from '../../application/subject-reader';
import { DomainError } from '../../../shared/domain/domain-error';
import { FindSubjectQuery } from './find-subject.query';

@QueryHandler(FindSubjectQuery)
export class FindSubjectHandler implements IQueryHandler<FindSubjectQuery> {
  constructor(
    @Inject(SUBJECT_LOOKUP) private readonly lookup: SubjectLookup,
    private readonly subjects: SubjectReader,
  ) {}

  /** Only a subject whose registration is in the log counts as found. */
  async execute({ tenantId, appSubjectId }: FindSubjectQuery): Promise<string | undefined> {
    const subjectId = await this.lookup.find(tenantId, appSubjectId);
    if (!subjectId) return undefined;
    try {
      const { state } = await this.subjects.load(tenantId, subjectId);
      return state.registration ? subjectId : undefined;
    } catch (error) {
      // A lookup entry whose registration never reached the log: nobody to find.
      if (error instanceof DomainError && error.code === 'subject-not-registered') return undefined;
      throw error;
    }
  }
}

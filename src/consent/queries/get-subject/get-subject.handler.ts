import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PersonalData } from '../../application/personal-data';
import { SubjectReader } from '../../application/subject-reader';
import type { SubjectRegistered } from '../../domain/subject/subject.events';
import { GetSubjectQuery } from './get-subject.query';
import type { ErasureRequestView, SubjectView } from './subject.view';

@QueryHandler(GetSubjectQuery)
export class GetSubjectHandler implements IQueryHandler<GetSubjectQuery> {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly personal: PersonalData,
  ) {}

  async execute({ tenantId, subjectId }: GetSubjectQuery): Promise<SubjectView> {
    const { state, revision } = await this.subjects.load(tenantId, subjectId);
    const registered = state.facts.find(
      (e): e is SubjectRegistered => e.type === 'subject-registered',
    );
    const available = (await this.personal.existingKey(tenantId, subjectId)) !== undefined;
    const open = async (field: 'appSubjectId' | 'email' | 'phone') => {
      const sealed = registered?.[field];
      if (!sealed) return undefined;
      return (await this.personal.open(tenantId, subjectId, field, sealed)) ?? null;
    };
    const [appSubjectId, email, phone] = await Promise.all([
      open('appSubjectId'),
      open('email'),
      open('phone'),
    ]);
    const erasureRequests: ErasureRequestView[] = [];
    for (const event of state.facts) {
      if (event.type !== 'erasure-requested') continue;
      erasureRequests.push({
        erasureId: event.erasureId,
        scope: event.scope.kind,
        ...(event.scope.kind === 'categories' ? { categories: event.scope.categories } : {}),
        requestedAt: event.occurredAt,
      });
    }
    return {
      subjectId,
      residency: state.registration?.residency ?? '',
      registeredAt: registered?.occurredAt ?? '',
      appSubjectId: appSubjectId ?? null,
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      personalDataAvailable: available,
      localDataMode: state.localDataMode,
      erasureRequests,
      revision,
    };
  }
}

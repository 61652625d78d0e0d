import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { PolicyReader } from '../../application/policy-reader';
import { SubjectReader } from '../../application/subject-reader';
import { evaluatePermission } from '../../domain/permission/evaluate-permission';
import { DomainError } from '../../../shared/domain/domain-error';
import { GetSubjectPermissionsQuery } from './get-subject-permissions.query';
import type { PermissionStateView, SubjectPermissionsView } from './subject-permissions.view';

/**
 * Every (category, recipient, purpose) the policy in force offers, with what the rules
 * answer for this subject at that instant — the subject's settings screen.
 */
@QueryHandler(GetSubjectPermissionsQuery)
export class GetSubjectPermissionsHandler implements IQueryHandler<GetSubjectPermissionsQuery> {
  constructor(
    private readonly subjects: SubjectReader,
    private readonly policies: PolicyReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetSubjectPermissionsQuery): Promise<SubjectPermissionsView> {
    const at = query.at ?? this.clock.now();
    const [subject, policy] = await Promise.all([
      this.subjects.load(query.tenantId, query.subjectId),
      this.policies.history(query.tenantId),
    ]);
    const version = policy.inForceAt(at);
    if (!version) {
      throw new DomainError(
        'policy-not-published',
        'the tenant has no policy in force at that time',
      );
    }
    const permissions: PermissionStateView[] = [];
    for (const category of version.document.categories) {
      for (const recipient of category.recipients) {
        for (const purpose of category.purposes) {
          const answer = evaluatePermission(subject.state, policy, {
            category: category.key,
            recipient,
            purpose,
            at,
          });
          permissions.push({
            category: category.key,
            recipient,
            purpose,
            default: category.default,
            permitted: answer.permitted,
            ...(answer.basis ? { basis: answer.basis } : {}),
            reasons: answer.reasons,
          });
        }
      }
    }
    return {
      subjectId: query.subjectId,
      at: new Date(at).toISOString(),
      policyVersion: version.document.version,
      localDataMode: subject.state.localDataMode,
      revision: subject.revision,
      permissions,
    };
  }
}

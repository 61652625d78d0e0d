import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { PolicyReader } from '../../application/policy-reader';
import type { PolicyVersion } from '../../domain/policy/policy-history';
import { GetPoliciesQuery } from './get-policies.query';
import type { PolicyVersionView } from './policy-version.view';

@QueryHandler(GetPoliciesQuery)
export class GetPoliciesHandler implements IQueryHandler<GetPoliciesQuery> {
  constructor(
    private readonly policies: PolicyReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tenantId, version }: GetPoliciesQuery): Promise<PolicyVersionView[]> {
    const history = await this.policies.history(tenantId);
    const selected =
      version === undefined
        ? history.versions
        : version === 'current'
          ? [history.inForceAt(this.clock.now())]
          : [history.versions.find((v) => v.document.version === version)];
    return selected.filter((v): v is PolicyVersion => v !== undefined).map(view);
  }
}

function view(version: PolicyVersion): PolicyVersionView {
  return {
    version: version.document.version,
    effectiveFrom: new Date(version.effectiveFrom).toISOString(),
    policy: version.document,
  };
}

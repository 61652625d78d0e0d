import { Query } from '@nestjs/cqrs';
import type { PolicyVersionView } from './policy-version.view';

/** One version (a number), the version in force now (`current`), or all (`undefined`). */
export class GetPoliciesQuery extends Query<PolicyVersionView[]> {
  constructor(
    readonly tenantId: string,
    readonly version?: number | 'current',
  ) {
    super();
  }
}

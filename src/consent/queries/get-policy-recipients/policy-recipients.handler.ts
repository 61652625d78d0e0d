import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PolicyRecipientsQuery } from '../../../auth';
import { PolicyReader } from '../../application/policy-reader';

/** Every recipient key some published version of the tenant's policy names, first seen first. */
@QueryHandler(PolicyRecipientsQuery)
export class PolicyRecipientsHandler implements IQueryHandler<PolicyRecipientsQuery> {
  constructor(private readonly policies: PolicyReader) {}

  async execute({ tenantId }: PolicyRecipientsQuery): Promise<readonly string[]> {
    const history = await this.policies.history(tenantId);
    const keys = history.versions.flatMap((version) =>
      version.document.recipients.map((recipient) => recipient.key),
    );
    return [...new Set(keys)];
  }
}

import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../shared/tenancy/caller';
import type { PolicyReceipt } from './policy-receipt';
import type { PublishPolicyRequest } from './publish-policy.request.dto';

export class PublishPolicyCommand extends Command<PolicyReceipt> {
  constructor(
    readonly caller: Caller,
    readonly idempotencyKey: string,
    readonly body: PublishPolicyRequest,
  ) {
    super();
  }
}

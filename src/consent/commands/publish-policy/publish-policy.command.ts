import { Command } from '@nestjs/cqrs';
import type { DecideResult } from '../../../event-store';
import type { Caller } from '../../../shared/tenancy/caller';
import type { PolicyDocument } from '../../domain/policy/policy-document';
import type { PolicyEvent } from '../../domain/policy/policy.events';

/** The publication event (appended now or by an earlier try) and the position it reached. */
export type PolicyPublicationResult = DecideResult<PolicyEvent>;

export class PublishPolicyCommand extends Command<PolicyPublicationResult> {
  constructor(
    readonly caller: Caller,
    readonly idempotencyKey: string,
    readonly policy: PolicyDocument,
    /** When the version takes effect (ISO 8601); now when omitted. */
    readonly effectiveFrom?: string,
  ) {
    super();
  }
}

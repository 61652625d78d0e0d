import type { QueryBus } from '@nestjs/cqrs';
import { PolicyRecipientsQuery } from '../auth';
import type { Caller } from '../shared/tenancy/caller';
import { maySeeRecipient } from '../shared/tenancy/recipient-scope';
import { AcknowledgementRefusal } from './domain/acknowledgement-refusal';

/**
 * Refuses, as not found, a recipient the caller may not see and one no version of the
 * tenant's policy offered: the same answer either way, so a processor learns nothing of the
 * others (ADR 0042).
 */
export async function requireOfferedRecipient(
  queries: QueryBus,
  caller: Caller,
  recipient: string,
): Promise<void> {
  const offered = maySeeRecipient(caller, recipient)
    ? await queries.execute(new PolicyRecipientsQuery(caller.tenantId))
    : [];
  if (!offered.includes(recipient)) {
    throw new AcknowledgementRefusal(
      'recipient-not-found',
      "the tenant has no such recipient; use a recipient key of the tenant's policy",
    );
  }
}

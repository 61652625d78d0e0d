import { Query } from '@nestjs/cqrs';

/**
 * The recipient keys the tenant's policy has offered, over every published version (ADR
 * 0042): what a processor key may be scoped to, and whose acknowledgements exist. A recipient
 * a later version dropped stays: its processor still has the changes that closed its windows
 * to apply and acknowledge. Asked here, answered by src/consent (which owns the policy and
 * sits above this module), so the key registry needs no import of it.
 */
export class PolicyRecipientsQuery extends Query<readonly string[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}

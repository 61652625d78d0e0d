import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Permission, PolicyHistory } from '../../../consent/domain';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { SubjectLedger } from '../../application/subject-ledger';
import { isConsentDecision, type ConsentDecision } from '../../domain/consent-decision';
import { consentHistories } from '../../domain/consent-statuses';
import { consentRecordsOf } from '../../domain/consent-records';
import type { RecordIssuer } from '../../domain/issuer';
import { RECORD_ISSUER } from '../../records.tokens';
import { type ConsentRecordsDocument, GetConsentRecordsQuery } from './get-consent-records.query';

@QueryHandler(GetConsentRecordsQuery)
export class GetConsentRecordsHandler implements IQueryHandler<GetConsentRecordsQuery> {
  constructor(
    private readonly ledger: SubjectLedger,
    @Inject(RECORD_ISSUER) private readonly issuer: RecordIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tenantId, subjectId }: GetConsentRecordsQuery): Promise<ConsentRecordsDocument> {
    const { events, residency, policy } = await this.ledger.read(tenantId, subjectId);
    const decisions: ConsentDecision[] = [];
    for (const { eventId, event } of events) {
      if (isConsentDecision(event)) decisions.push({ eventId, event });
    }
    return consentRecordsOf({
      tenantId,
      subjectId,
      residency,
      histories: consentHistories(decisions, policy, this.clock.now()),
      policyFor: (permission) => newestOffering(policy, permission),
      issuer: this.issuer,
    });
  }
}

/** The newest policy version that names the combination's category, purpose and recipient. */
function newestOffering(policy: PolicyHistory, permission: Permission) {
  for (const { document } of [...policy.versions].reverse()) {
    const named =
      document.categories.some((c) => c.key === permission.category) &&
      document.purposes.some((p) => p.key === permission.purpose) &&
      document.recipients.some((r) => r.key === permission.recipient);
    if (named) return document;
  }
  return undefined;
}

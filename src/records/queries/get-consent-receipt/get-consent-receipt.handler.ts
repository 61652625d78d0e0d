import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SubjectLedger } from '../../application/subject-ledger';
import { isConsentDecision, policyOf } from '../../domain/consent-decision';
import { consentReceiptOf } from '../../domain/consent-receipt';
import type { RecordIssuer } from '../../domain/issuer';
import { ReceiptKeys } from '../../receipt-keys/receipt-keys';
import { RecordsRefusal } from '../../records.errors';
import { RECORD_ISSUER } from '../../records.tokens';
import { GetConsentReceiptQuery, type IssuedReceipt } from './get-consent-receipt.query';

@QueryHandler(GetConsentReceiptQuery)
export class GetConsentReceiptHandler implements IQueryHandler<GetConsentReceiptQuery> {
  constructor(
    private readonly ledger: SubjectLedger,
    private readonly keys: ReceiptKeys,
    @Inject(RECORD_ISSUER) private readonly issuer: RecordIssuer,
  ) {}

  async execute(query: GetConsentReceiptQuery): Promise<IssuedReceipt> {
    const { events, policy } = await this.ledger.read(query.tenantId, query.subjectId);
    const found = events.find((e) => e.eventId === query.eventId);
    if (!found) {
      throw new RecordsRefusal(
        'event-not-found',
        `subject ${query.subjectId} has no event ${query.eventId}`,
      );
    }
    const { event } = found;
    if (!isConsentDecision(event)) {
      throw new RecordsRefusal(
        'not-a-consent-decision',
        `event ${query.eventId} is a ${event.type} event; receipts exist for consent-granted and consent-revoked events only`,
      );
    }
    const document = policyOf(policy, event.policyVersion);
    if (!document) {
      // The decider refuses decisions under a version that was never published.
      throw new Error(
        `policy version ${event.policyVersion} of tenant ${query.tenantId} is missing`,
      );
    }
    const receipt = consentReceiptOf(
      query.tenantId,
      { eventId: query.eventId, event },
      document,
      this.issuer,
    );
    if (!query.signed) return { receipt };
    const key = await this.keys.forTenant(query.tenantId);
    return { receipt, jws: await key.sign(JSON.stringify(receipt)) };
  }
}

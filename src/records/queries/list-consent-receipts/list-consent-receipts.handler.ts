import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SubjectLedger } from '../../application/subject-ledger';
import { isConsentDecision } from '../../domain/consent-decision';
import { decisionSummaryOf } from '../../domain/consent-receipt';
import { receiptIdOf } from '../../domain/receipt-id';
import {
  ListConsentReceiptsQuery,
  type ReceiptEntry,
  type ReceiptList,
} from './list-consent-receipts.query';

/** The receipts a subject has: one per grant and revocation, found by the event ids. */
@QueryHandler(ListConsentReceiptsQuery)
export class ListConsentReceiptsHandler implements IQueryHandler<ListConsentReceiptsQuery> {
  constructor(private readonly ledger: SubjectLedger) {}

  async execute({ tenantId, subjectId }: ListConsentReceiptsQuery): Promise<ReceiptList> {
    const { events } = await this.ledger.read(tenantId, subjectId);
    const receipts: ReceiptEntry[] = [];
    for (const { eventId, event } of events) {
      if (!isConsentDecision(event)) continue;
      receipts.push({
        consentReceiptID: receiptIdOf(tenantId, eventId),
        ...decisionSummaryOf({ eventId, event }),
      });
    }
    return { subjectId, receipts };
  }
}

import { Query } from '@nestjs/cqrs';
import type { DecisionSummary } from '../../domain/consent-receipt';

/** One receipt a subject has: enough to fetch it and to tell it from the others. */
export interface ReceiptEntry extends DecisionSummary {
  readonly consentReceiptID: string;
}

export interface ReceiptList {
  readonly subjectId: string;
  /** In the order the ledger recorded the decisions. */
  readonly receipts: readonly ReceiptEntry[];
}

export class ListConsentReceiptsQuery extends Query<ReceiptList> {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super();
  }
}

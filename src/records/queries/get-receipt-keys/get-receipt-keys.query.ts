import { Query } from '@nestjs/cqrs';
import type { ReceiptPublicJwk } from '../../receipt-keys/receipt-signing-key';

export interface ReceiptKeySet {
  readonly keys: readonly ReceiptPublicJwk[];
}

export class GetReceiptKeysQuery extends Query<ReceiptKeySet> {
  constructor(readonly tenantId: string) {
    super();
  }
}

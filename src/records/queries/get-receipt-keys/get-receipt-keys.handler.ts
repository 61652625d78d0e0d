import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReceiptKeys } from '../../receipt-keys/receipt-keys';
import { GetReceiptKeysQuery, type ReceiptKeySet } from './get-receipt-keys.query';

@QueryHandler(GetReceiptKeysQuery)
export class GetReceiptKeysHandler implements IQueryHandler<GetReceiptKeysQuery> {
  constructor(private readonly keys: ReceiptKeys) {}

  async execute({ tenantId }: GetReceiptKeysQuery): Promise<ReceiptKeySet> {
    return { keys: [(await this.keys.forTenant(tenantId)).jwk] };
  }
}

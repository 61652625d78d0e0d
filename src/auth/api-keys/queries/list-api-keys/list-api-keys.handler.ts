import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ApiKeyRecord } from '../../../domain/api-key-registry.state';
import { ApiKeyRegistry } from '../../api-key-registry';
import { ListApiKeysQuery } from './list-api-keys.query';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery> {
  constructor(private readonly registry: ApiKeyRegistry) {}

  execute({ tenantId }: ListApiKeysQuery): Promise<ApiKeyRecord[]> {
    return this.registry.list(tenantId);
  }
}

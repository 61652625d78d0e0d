import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ApiKeyRecord } from '../../../domain/api-key-registry.state';
import { ApiKeyRegistry } from '../../api-key-registry';
import { GetApiKeyQuery } from './get-api-key.query';

@QueryHandler(GetApiKeyQuery)
export class GetApiKeyHandler implements IQueryHandler<GetApiKeyQuery> {
  constructor(private readonly registry: ApiKeyRegistry) {}

  execute({ tenantId, keyId }: GetApiKeyQuery): Promise<ApiKeyRecord | undefined> {
    return this.registry.get(tenantId, keyId);
  }
}

import { Query } from '@nestjs/cqrs';
import type { ApiKeyRecord } from '../../../domain/api-key-registry.state';

/** Every key of the tenant, revoked and expired ones included. */
export class ListApiKeysQuery extends Query<ApiKeyRecord[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}

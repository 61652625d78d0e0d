import { Query } from '@nestjs/cqrs';
import type { ApiKeyRecord } from '../../../domain/api-key-registry.state';

/** One key of the tenant, or undefined when it has none with this id. */
export class GetApiKeyQuery extends Query<ApiKeyRecord | undefined> {
  constructor(
    readonly tenantId: string,
    readonly keyId: string,
  ) {
    super();
  }
}

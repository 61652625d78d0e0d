import { Query } from '@nestjs/cqrs';

/** The signed note of the latest checkpoint of the tenant's log. */
export class GetLatestCheckpointQuery extends Query<string> {
  constructor(readonly tenantId: string) {
    super();
  }
}

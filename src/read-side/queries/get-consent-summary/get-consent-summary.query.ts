import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { ConsentSummaryView } from './consent-summary.view';

/** The tenant's counts as of now. */
export class GetConsentSummaryQuery extends Query<ConsentSummaryView> {
  constructor(
    readonly tenantId: string,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}

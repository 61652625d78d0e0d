import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { RecipientScope } from '../../../shared/tenancy/recipient-scope';
import type { FeedPageView } from './feed-page.view';

export class GetFeedChangesQuery extends Query<FeedPageView> {
  constructor(
    readonly tenantId: string,
    readonly visible: RecipientScope,
    /** Feed position to read after; 0 for the start. */
    readonly after: number,
    readonly limit: number,
    readonly recipient?: string,
    readonly category?: string,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}

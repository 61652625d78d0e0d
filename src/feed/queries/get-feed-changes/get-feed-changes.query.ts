import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { VisibleRecipients } from '../../feed-audience';
import type { FeedPageView } from './feed-page.view';

export class GetFeedChangesQuery extends Query<FeedPageView> {
  constructor(
    readonly tenantId: string,
    readonly visible: VisibleRecipients,
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

import { Query } from '@nestjs/cqrs';
import type { RecipientScope } from '../../../shared/tenancy/recipient-scope';
import type { FeedSubscription } from '../../streaming/feed-streams';

export class FollowFeedQuery extends Query<FeedSubscription> {
  constructor(
    readonly tenantId: string,
    readonly visible: RecipientScope,
    readonly after: number,
    /** Which parameter or header named `after`, to name it in a refusal. */
    readonly afterField: string,
    readonly recipient?: string,
    readonly category?: string,
  ) {
    super();
  }
}

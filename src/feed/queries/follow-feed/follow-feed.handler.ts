import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { recipientsToRead } from '../../feed-audience';
import { FeedReader } from '../../feed-reader';
import type { FeedSubscription } from '../../streaming/feed-streams';
import { headAtOrAfter } from '../feed-position';
import { FollowFeedQuery } from './follow-feed.query';

/** Checks where a stream is to start and what it shows; the controller then opens it. */
@QueryHandler(FollowFeedQuery)
export class FollowFeedHandler implements IQueryHandler<FollowFeedQuery> {
  constructor(@Inject(FeedReader) private readonly reader: FeedReader) {}

  async execute(query: FollowFeedQuery): Promise<FeedSubscription> {
    const { tenantId, after } = query;
    const head = await headAtOrAfter(this.reader, tenantId, after, query.afterField);
    const recipients = recipientsToRead(query.visible, query.recipient);
    return {
      tenantId,
      after,
      head,
      filter: {
        ...(recipients !== undefined ? { recipients } : {}),
        ...(query.category !== undefined ? { category: query.category } : {}),
      },
    };
  }
}

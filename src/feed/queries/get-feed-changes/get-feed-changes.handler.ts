import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadYourWrites } from '../../../projections';
import { recipientsToRead } from '../../feed-audience';
import { FeedReader } from '../../feed-reader';
import { FEED } from '../../projection/feed.projection';
import { feedChangeView } from '../feed-change.view';
import { headAtOrAfter } from '../feed-position';
import type { FeedPageView } from './feed-page.view';
import { GetFeedChangesQuery } from './get-feed-changes.query';

/** A page of the tenant's permission changes after a position. */
@QueryHandler(GetFeedChangesQuery)
export class GetFeedChangesHandler implements IQueryHandler<GetFeedChangesQuery> {
  constructor(
    @Inject(FeedReader) private readonly reader: FeedReader,
    private readonly consistency: ReadYourWrites,
  ) {}

  async execute(query: GetFeedChangesQuery): Promise<FeedPageView> {
    const { tenantId, after, limit } = query;
    await this.consistency.reach(query.consistencyToken, [FEED]);
    const head = await headAtOrAfter(this.reader, tenantId, after, 'after');
    const recipients = recipientsToRead(query.visible, query.recipient);
    const changes = await this.reader.page(tenantId, after, limit, {
      ...(recipients !== undefined ? { recipients } : {}),
      ...(query.category !== undefined ? { category: query.category } : {}),
    });
    const last = changes[changes.length - 1]?.position ?? after;
    // A short page read everything committed when it ran, so filtered-out positions up to
    // the head read before it are done with too.
    const next = changes.length < limit ? Math.max(last, head) : last;
    return { changes: changes.map(feedChangeView), next, head: Math.max(head, last) };
  }
}

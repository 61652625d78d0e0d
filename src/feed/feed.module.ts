import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PROJECTIONS } from '../projections';
import { READ_STORE } from '../read-store';
import type { ReadStore } from '../read-store/read-store.port';
import { FeedReader } from './feed-reader';
import { FeedProjection } from './projection/feed.projection';
import { FollowFeedController } from './queries/follow-feed/follow-feed.http.controller';
import { FollowFeedHandler } from './queries/follow-feed/follow-feed.handler';
import { GetFeedChangesController } from './queries/get-feed-changes/get-feed-changes.http.controller';
import { GetFeedChangesHandler } from './queries/get-feed-changes/get-feed-changes.handler';
import { FeedStreams } from './streaming/feed-streams';

/**
 * The permission-change feed (issue #17): the `feed` projection, pages of changes, and the
 * Server-Sent Events stream. ADR 0039.
 */
@Module({
  imports: [CqrsModule],
  controllers: [GetFeedChangesController, FollowFeedController],
  providers: [
    { provide: PROJECTIONS, useFactory: () => [new FeedProjection()] },
    {
      provide: FeedReader,
      inject: [READ_STORE],
      useFactory: (store: ReadStore) => new FeedReader(store),
    },
    FeedStreams,
    GetFeedChangesHandler,
    FollowFeedHandler,
  ],
  exports: [FeedReader],
})
export class FeedModule {}

import { Controller, Get, Headers, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import { consistencyTokenOf } from '../../../projections';
import type { Caller } from '../../../shared/tenancy/caller';
import { recipientsVisibleTo } from '../../../shared/tenancy/recipient-scope';
import { withFeedProblems } from '../../http/feed-problems';
import { FeedPageView } from './feed-page.view';
import {
  DEFAULT_FEED_PAGE,
  FeedChangesRequest,
  MAX_FEED_PAGE,
} from './get-feed-changes.request.dto';
import { GetFeedChangesQuery } from './get-feed-changes.query';

@ApiTags('feed')
@Controller('v1/feed/changes')
@Roles('app', 'auditor', 'processor')
export class GetFeedChangesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Permission changes after a position, a page at a time',
    description: `Every subject × combination whose permission changed, in the tenant's feed order: positions 1, 2, 3, … without a gap, the same on every replay. Pass \`next\` as \`after\` for the next page; at most ${MAX_FEED_PAGE} changes a page. An \`after\` beyond the head is a 400 naming the head.`,
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: FeedPageView })
  changes(
    @CurrentCaller() caller: Caller,
    @Query() request: FeedChangesRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<FeedPageView> {
    return withFeedProblems(
      this.queries.execute(
        new GetFeedChangesQuery(
          caller.tenantId,
          recipientsVisibleTo(caller),
          request.after === undefined ? 0 : Number(request.after),
          request.limit === undefined ? DEFAULT_FEED_PAGE : Number(request.limit),
          request.recipient,
          request.category,
          consistencyTokenOf(request.consistencyToken, tokenHeader),
        ),
      ),
    );
  }
}

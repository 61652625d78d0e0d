import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth';
import { CurrentCaller, ProblemException, PROBLEM_TYPES } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { recipientsVisibleTo } from '../../../shared/tenancy/recipient-scope';
import { withFeedProblems } from '../../http/feed-problems';
import { FeedStreams, type FeedSubscription } from '../../streaming/feed-streams';
import { FollowFeedQuery } from './follow-feed.query';
import { FollowFeedRequest } from './follow-feed.request.dto';

const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

const EXAMPLE_STREAM = `retry: 1000

: following after 41; head 42

id: 42
event: change
data: {"position":42,"subjectId":"8d0f4c1e-52a4-4f0e-9a53-0c1d2e3f4a5b","category":"approximate-location","recipient":"map-provider-row","purpose":"map-display","permitted":false,"basis":null,"validFrom":"2026-06-01T12:00:00.000Z","causeEventId":"3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d","causePosition":"1234","trigger":"event","policyVersion":2}

: heartbeat

`;

@ApiTags('feed')
@Controller('v1/feed')
@Roles('app', 'auditor', 'processor')
export class FollowFeedController {
  constructor(
    private readonly queries: QueryBus,
    private readonly streams: FeedStreams,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Follow the permission changes as they happen (Server-Sent Events)',
    description:
      'A `text/event-stream`: each change as `event: change` with `id` = its position and `data` = the change (as in `GET /v1/feed/changes`), in feed order, from `after` (or `Last-Event-ID`, which wins: an EventSource sends it when it reconnects) on, then live. Comment lines are heartbeats. A client that stops reading while its buffer fills gets a last `event: overflow` whose `data.resumeAfter` is where to resume; the stream then ends. Errors before the stream starts are problem+json.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received: the stream resumes right after it.',
  })
  @ApiOkResponse({
    description: 'The stream of changes.',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_STREAM } },
  })
  @ApiResponse({ status: 503, description: 'Too many streams open, or shutting down; retry.' })
  async follow(
    @CurrentCaller() caller: Caller,
    @Query() request: FollowFeedRequest,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resume = lastEventId === undefined ? undefined : resumePosition(lastEventId);
    const subscription: FeedSubscription = await withFeedProblems(
      this.queries.execute(
        new FollowFeedQuery(
          caller.tenantId,
          recipientsVisibleTo(caller),
          resume ?? (request.after === undefined ? 0 : Number(request.after)),
          resume === undefined ? 'after' : 'Last-Event-ID',
          request.recipient,
          request.category,
        ),
      ),
    );
    if (!this.streams.hasRoom()) throw tooManyStreams();
    // From here on the response is the stream, written by the follower, not by Nest.
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    // Fastify answers HEAD through this GET route: the headers are the whole answer.
    if (reply.request.method === 'HEAD') {
      reply.raw.end();
      return;
    }
    this.streams.follow(subscription, reply.raw);
  }
}

function resumePosition(header: string): number {
  if (DECIMAL.test(header.trim())) return Number(header.trim());
  throw new ProblemException({
    type: PROBLEM_TYPES.validationError,
    title: 'Invalid header',
    status: 400,
    detail: 'Last-Event-ID must be the id of an event this stream sent: a decimal feed position',
    extensions: {
      errors: [{ field: 'Last-Event-ID', message: 'must be a decimal feed position' }],
    },
  });
}

function tooManyStreams(): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.serviceUnavailable,
    title: 'Service unavailable',
    status: 503,
    detail:
      'This replica follows as many feed streams as it may (FEED_MAX_STREAMS); retry later or page with GET /v1/feed/changes',
    headers: { 'retry-after': '5' },
  });
}

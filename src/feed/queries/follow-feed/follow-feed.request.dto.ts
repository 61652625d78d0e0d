import { FeedFilterRequest } from '../feed-filter.request.dto';

/** The query of `GET /v1/feed`: where to start (unless `Last-Event-ID` says), which changes. */
export class FollowFeedRequest extends FeedFilterRequest {}

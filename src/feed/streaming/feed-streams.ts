import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ProjectorHost } from '../../projections';
import type { FeedFilter } from '../projection/feed-changes.table';
import { FEED } from '../projection/feed.projection';
import { FeedReader } from '../feed-reader';
import { FeedFollower, type FeedSink } from './feed-follower';
import { commentFrame, RETRY_FRAME } from './sse-frames';

/** A stream to open: validated by the query handler. */
export interface FeedSubscription {
  readonly tenantId: string;
  readonly after: number;
  readonly filter: FeedFilter;
  /** The tenant's head when the stream was asked for. */
  readonly head: number;
}

/**
 * Every open feed stream of this process. The projector says when the feed projection's
 * position moves (a batch committed here, or another replica's progress read from the store):
 * each follower is woken to read what is new. A heartbeat goes to every stream on a timer,
 * which also wakes them, should a wake-up ever be missed. At shutdown every stream is ended
 * before the HTTP server closes, so the server does not wait for them.
 */
@Injectable()
export class FeedStreams implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly followers = new Set<FeedFollower>();
  private stopWatching: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly overflows: Counter;

  constructor(
    private readonly projector: ProjectorHost,
    @Inject(FeedReader) private readonly reader: FeedReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: Registry,
  ) {
    const followers = this.followers;
    new Gauge({
      name: 'feed_streams_open',
      help: 'Server-Sent Events streams of the permission-change feed open in this process.',
      registers: [registry],
      collect() {
        this.set(followers.size);
      },
    });
    this.overflows = new Counter({
      name: 'feed_stream_overflows_total',
      help: 'Feed streams ended because the client read too slowly for its buffer.',
      registers: [registry],
    });
  }

  onModuleInit(): void {
    this.stopWatching = this.projector.watch((name) => {
      if (name === FEED) for (const follower of this.followers) follower.wake();
    });
    this.heartbeat = setInterval(() => {
      for (const follower of this.followers) {
        follower.heartbeat();
        follower.wake();
      }
    }, this.config.feed.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Whether another stream may open now (FEED_MAX_STREAMS, and not shutting down). */
  hasRoom(): boolean {
    return !this.closing && this.followers.size < this.config.feed.maxStreams;
  }

  /** Open streams, for tests and metrics. */
  get open(): ReadonlySet<FeedFollower> {
    return this.followers;
  }

  /** Starts following: the response's headers must have been written. */
  follow(subscription: FeedSubscription, sink: FeedSink): FeedFollower {
    const { tenantId, filter } = subscription;
    sink.write(RETRY_FRAME);
    sink.write(commentFrame(`following after ${subscription.after}; head ${subscription.head}`));
    const follower = new FeedFollower(
      (after, limit) => this.reader.page(tenantId, after, limit, filter),
      sink,
      subscription.after,
      this.config.feed.streamBufferChanges,
      (closed, overflow) => {
        this.followers.delete(closed);
        if (overflow) this.overflows.inc();
      },
    );
    this.followers.add(follower);
    follower.wake();
    return follower;
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    this.stop();
    for (const follower of [...this.followers]) follower.close('the service is shutting down');
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private stop(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    clearInterval(this.heartbeat);
  }
}

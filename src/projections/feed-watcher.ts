import { AppendSignal } from '../event-store';
import type { EventStore, GlobalPosition, Subscription } from '../event-store/event-store.port';
import { hasDensePositions } from './projection-lag';
import type { ProjectorLogger } from './projector-logger';
import { RecentEventTimes } from './recent-event-times';

/**
 * Tells idle projections that the feed has grown, so live projections apply new events
 * promptly instead of polling. It follows the feed from its head with one subscription
 * shared by all projections; each projection then reads the events itself, in batches.
 * On stores with dense positions it also remembers when the newest events were recorded,
 * for the age of a projection's lag (`recordedAfter`).
 */
export class FeedWatcher {
  private latest: GlobalPosition = 0n;
  private readonly appended = new AppendSignal();
  private subscription: Subscription | undefined;
  private readonly times = new RecentEventTimes();

  constructor(
    private readonly eventStore: EventStore,
    private readonly log: ProjectorLogger,
  ) {}

  /** The newest position the subscription has announced (the head when it started, at first). */
  get head(): GlobalPosition {
    return this.latest;
  }

  /** When the first event after `position` was recorded (ms), if the watcher saw it. */
  recordedAfter(position: GlobalPosition): number | undefined {
    return this.times.recordedAfter(position);
  }

  async start(): Promise<void> {
    this.latest = await this.eventStore.headPosition();
    if (hasDensePositions(this.eventStore)) this.times.startAfter(this.latest);
    this.subscription = this.eventStore.subscribe(
      (event) => {
        this.latest = event.globalPosition;
        this.times.add(event.globalPosition, event.recordedAt);
        this.appended.notify();
      },
      {
        after: this.latest,
        onError: (error, attempt) => {
          if (attempt === 1) {
            this.log({ level: 'warn', message: 'cannot follow the event feed; retrying', error });
          }
        },
      },
    );
  }

  /**
   * Resolves when the feed holds events after `position`, after `maxWaitMs` at the latest
   * (a safety net should a wake-up be missed), or when `abort` fires.
   */
  async waitBeyond(position: GlobalPosition, abort: AbortSignal, maxWaitMs: number): Promise<void> {
    if (this.latest > position) return;
    await this.appended.wait(abort, maxWaitMs);
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    this.appended.notify();
  }
}

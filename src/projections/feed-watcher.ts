import { AppendSignal } from '../event-store/append-signal';
import type { EventStore, GlobalPosition, Subscription } from '../event-store/event-store.port';
import type { ProjectorLogger } from './projector-logger';

/**
 * Tells idle projections that the feed has grown, so live projections apply new events
 * promptly instead of polling. It follows the feed from its head with one subscription
 * shared by all projections; each projection then reads the events itself, in batches.
 */
export class FeedWatcher {
  private latest: GlobalPosition = 0n;
  private readonly appended = new AppendSignal();
  private subscription: Subscription | undefined;

  constructor(
    private readonly eventStore: EventStore,
    private readonly log: ProjectorLogger,
  ) {}

  /** The newest position the subscription has announced (the head when it started, at first). */
  get head(): GlobalPosition {
    return this.latest;
  }

  async start(): Promise<void> {
    this.latest = await this.eventStore.headPosition();
    this.subscription = this.eventStore.subscribe(
      (event) => {
        this.latest = event.globalPosition;
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

import type { Subscription } from './event-store.port';

/**
 * The subscriptions a store has handed out and not yet closed, so that closing the store
 * stops them all first. A subscription closed by its owner leaves the set.
 */
export class OpenSubscriptions {
  private readonly open = new Set<Subscription>();

  track(subscription: Subscription): Subscription {
    this.open.add(subscription);
    const open = this.open;
    return {
      get lastPosition() {
        return subscription.lastPosition;
      },
      async close() {
        open.delete(subscription);
        await subscription.close();
      },
    };
  }

  /** Closes every open subscription; one that fails to close does not stop the others. */
  async closeAll(): Promise<void> {
    const closing = [...this.open].map((subscription) => subscription.close());
    this.open.clear();
    await Promise.allSettled(closing);
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { AllStreamSubscription, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import {
  START,
  type EventHandler,
  type GlobalPosition,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { mapKurrentError } from './kurrentdb-error-mapping';
import { toReadPosition } from './kurrentdb-position';
import { isUserEvent, toRecordedEvent, userStreamsFilter } from './kurrentdb-recorded-event';
import { jitteredBackoffMs, type Backoff } from '../../shared/backoff';

const DEFAULT_RESUBSCRIBE_BACKOFF: Backoff = { minMs: 100, maxMs: 5_000 };

/**
 * A catch-up subscription to `$all` that survives the server: when the stream fails (node
 * gone, leader change, network) or ends on its own, `onError` hears about it and a new
 * subscription starts after the last event the handler finished, with exponential backoff.
 * Events are pulled one at a time and the handler is awaited before the next one, so delivery
 * is in order and at-least-once; nothing at or before the last delivered position is passed on.
 */
export class KurrentDbSubscription implements Subscription {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private current: AllStreamSubscription | undefined;
  private position: GlobalPosition;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions = {},
    private readonly backoff: Backoff = DEFAULT_RESUBSCRIBE_BACKOFF,
  ) {
    this.position = options.after ?? START;
    this.done = this.run();
  }

  get lastPosition(): GlobalPosition {
    return this.position;
  }

  async close(): Promise<void> {
    if (!this.abort.signal.aborted) {
      this.abort.abort();
      await this.stop(this.current);
    }
    await this.done;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      let subscription: AllStreamSubscription | undefined;
      try {
        subscription = this.client.subscribeToAll({
          fromPosition: toReadPosition(this.position),
          filter: userStreamsFilter(),
        });
        this.current = subscription;
        // The server confirms a working subscription; only then does the backoff start over.
        subscription.once('confirmation', () => {
          failures = 0;
        });
        await this.deliver(subscription, signal);
        if (signal.aborted) return;
        throw new EventStoreUnavailableError('the KurrentDB subscription ended unexpectedly');
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        this.options.onError?.(mapKurrentError(error), failures);
        await this.stop(subscription);
        await this.pause(failures, signal);
      }
    }
  }

  private async deliver(subscription: AllStreamSubscription, signal: AbortSignal): Promise<void> {
    for await (const resolved of subscription) {
      if (signal.aborted) return;
      const event = resolved.event;
      if (event === undefined || !isUserEvent(event)) continue;
      const recorded = toRecordedEvent(event);
      // Subscriptions start after their position; this also guards a resubscription.
      if (recorded.globalPosition <= this.position) continue;
      await this.handler(recorded);
      this.position = recorded.globalPosition;
    }
  }

  /** Cancels the gRPC call and ends the local stream, so a pending iteration returns. */
  private async stop(subscription: AllStreamSubscription | undefined): Promise<void> {
    if (subscription === undefined) return;
    // Late errors of a stopped stream have no reader left; unheard they would crash the process.
    subscription.on('error', () => undefined);
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }

  private async pause(failures: number, signal: AbortSignal): Promise<void> {
    await sleep(jitteredBackoffMs(failures, this.backoff), undefined, { signal }).catch(
      () => undefined,
    );
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type {
  EventHandler,
  GlobalPosition,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { START } from './event-store.port';
import { jitteredBackoffMs } from '../shared/backoff';

interface PollingSource {
  readAll(options: { after: GlobalPosition; maxCount: number }): Promise<RecordedEvent[]>;
  /** Resolves when new events may be there, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal, maxWaitMs: number): Promise<void>;
}

interface PollingSettings {
  readonly batchSize: number;
  /** Upper bound on how long a live subscription sleeps without a wake-up. */
  readonly idlePollMs: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

const DEFAULT_POLLING: PollingSettings = {
  batchSize: 500,
  idlePollMs: 250,
  minBackoffMs: 50,
  // Bounds how long a subscriber stays behind once the store is back after an outage.
  maxBackoffMs: 2_000,
};

/**
 * Catch-up-then-live subscription over any store that can read the global feed after a
 * position. Catch-up and live are the same loop: read a batch after the last delivered
 * position, deliver it in order, and sleep until an append wakes us when the batch is empty.
 * When the store fails the loop backs off exponentially and resumes from the last delivered
 * position, so nothing is skipped and nothing is delivered twice.
 */
export class PollingSubscription implements Subscription {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private position: GlobalPosition;

  constructor(
    private readonly source: PollingSource,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions = {},
    private readonly settings: PollingSettings = DEFAULT_POLLING,
  ) {
    this.position = options.after ?? START;
    this.done = this.run();
  }

  get lastPosition(): GlobalPosition {
    return this.position;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const batch = await this.source.readAll({
          after: this.position,
          maxCount: this.settings.batchSize,
        });
        failures = 0;
        for (const event of batch) {
          if (signal.aborted) return;
          await this.handler(event);
          this.position = event.globalPosition;
        }
        if (batch.length < this.settings.batchSize) {
          await this.source.waitForAppend(signal, this.settings.idlePollMs);
        }
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        this.options.onError?.(error, failures);
        await this.backoff(failures, signal);
      }
    }
  }

  private async backoff(failures: number, signal: AbortSignal): Promise<void> {
    const { minBackoffMs: minMs, maxBackoffMs: maxMs } = this.settings;
    const wait = jitteredBackoffMs(failures, { minMs, maxMs });
    await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
}

import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { DEFAULT_MAX_EVENT_BYTES } from '../append-validation';
import { EventStoreUnavailableError } from '../event-store.errors';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { appendToKurrentDb } from './kurrentdb-append';
import { normaliseConnectionString } from './kurrentdb-connection-string';
import { KurrentDbConnectionStringError } from './kurrentdb.errors';
import { OpenSubscriptions } from '../open-subscriptions';
import { kurrentDbHeadPosition, readKurrentDbAll } from './kurrentdb-read-all';
import { readKurrentDbStream } from './kurrentdb-read-stream';
import { KurrentDbSubscription } from './kurrentdb-subscription';

interface KurrentDbEventStoreOptions {
  /** `kurrentdb://`, `kurrent://`, `kdb://` or `esdb://`, optionally `+discover`. */
  readonly connectionString: string;
  readonly maxEventBytes?: number;
}

/**
 * Opens the KurrentDB / EventStoreDB adapter, single node or cluster. The client connects
 * lazily, so an unreachable server shows on the first call (as `EventStoreUnavailableError`),
 * not here.
 */
export function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<EventStore> {
  // Inside `then`, a bad connection string becomes a rejection rather than a synchronous throw.
  return Promise.resolve().then(
    () =>
      new KurrentDbEventStore(
        connect(options.connectionString),
        options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
      ),
  );
}

function connect(connectionString: string): KurrentDBClient {
  const normalised = normaliseConnectionString(connectionString);
  try {
    return KurrentDBClient.connectionString(normalised);
  } catch {
    // The client's parse error quotes the whole string, password included.
    throw new KurrentDbConnectionStringError(
      'the KurrentDB connection string is malformed or names certificate files that do not exist ' +
        '(value not shown: it may hold a password)',
    );
  }
}

class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  private readonly pending = new Set<Promise<unknown>>();
  private readonly subscriptions = new OpenSubscriptions();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly maxEventBytes: number,
  ) {}

  append(
    streamName: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.track(() =>
      appendToKurrentDb(this.client, streamName, events, expectedRevision, this.maxEventBytes),
    );
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.track(() => readKurrentDbStream(this.client, streamName, options));
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.track(() => readKurrentDbAll(this.client, options));
  }

  headPosition(): Promise<GlobalPosition> {
    return this.track(() => kurrentDbHeadPosition(this.client));
  }

  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new KurrentDbSubscription(this.client, handler, options);
    return this.subscriptions.track(subscription);
  }

  /** Lets running calls finish, stops subscriptions, then releases the client; safe to repeat. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.subscriptions.closeAll();
    await this.client.dispose();
  }

  private track<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closing !== undefined) return Promise.reject(closedError());
    const running = operation();
    this.pending.add(running);
    const forget = () => this.pending.delete(running);
    running.then(forget, forget);
    return running;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw closedError();
  }
}

function closedError(): EventStoreUnavailableError {
  return new EventStoreUnavailableError('the KurrentDB event store is closed');
}

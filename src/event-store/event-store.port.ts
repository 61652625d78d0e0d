/**
 * The one port every event store adapter implements (sqlite, postgres, kurrentdb).
 *
 * Positions in the global feed are opaque, strictly increasing bigints: SQLite's rowid,
 * PostgreSQL's gap-free sequence, KurrentDB's `$all` commit position. Callers never do
 * arithmetic on them; they store the last one they processed and read *after* it.
 */
export type GlobalPosition = bigint;

/** Before any event: reading after `START` yields the whole feed. */
export const START: GlobalPosition = 0n;

/**
 * What the writer believes about the stream before appending.
 * - `no_stream`: the stream must not exist yet.
 * - `stream_exists`: the stream must already hold at least one event.
 * - `any`: no check.
 * - a number: the revision (0-based index) of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventToAppend {
  /** Caller-supplied UUID; appending the same ids again is idempotent. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  /** 0-based index of the event in its stream. */
  readonly streamRevision: number;
  readonly globalPosition: GlobalPosition;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** Transaction time: when the store committed the event. */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: GlobalPosition;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this position. Default `START`. */
  readonly after?: GlobalPosition;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position. Default `START`. */
  readonly after?: GlobalPosition;
  /** Called when the store is unreachable; the subscription keeps retrying with backoff. */
  readonly onError?: (error: unknown, attempt: number) => void;
}

/**
 * A running subscription to the global feed: catch-up first, then live. The handler is
 * awaited before the next event is delivered, so a handler that stores its checkpoint
 * gets at-least-once, in-order delivery and can resume exactly where it stopped.
 */
export interface Subscription {
  /** Stops delivery; resolves once the handler is no longer running. */
  close(): Promise<void>;
  /** Position of the last event the handler finished. */
  readonly lastPosition: GlobalPosition;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface EventStore {
  /** Name shown in logs, metrics and errors: `sqlite`, `postgres`, `kurrentdb`. */
  readonly kind: string;

  append(
    streamName: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /** Events of one stream in revision order; a missing stream reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Events of every stream in global order, strictly after `options.after`. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Position of the newest event in the feed, `START` when empty. */
  headPosition(): Promise<GlobalPosition>;

  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription;

  /** Flushes and releases connections; pending appends finish first. */
  close(): Promise<void>;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AppendSignal } from '../append-signal';
import { DEFAULT_MAX_EVENT_BYTES, validateAppend } from '../append-validation';
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
import type { EventRedaction, RedactEvent } from '../event-redaction';
import { OpenSubscriptions } from '../open-subscriptions';
import { PollingSubscription } from '../polling-subscription';
import { storedEventRowOf, toRecordedEvent } from '../stored-event-row';
import { GroupCommit } from './group-commit';
import { appendInTransaction } from './sqlite-append';
import { redactSqliteStream, truncateSqliteWal } from './sqlite-redaction';
import { configure, migrate } from './sqlite-schema';
import { SqliteStatements } from './sqlite-statements';

interface SqliteEventStoreOptions {
  /** Database file; its directory is created when missing. */
  readonly path: string;
  readonly maxEventBytes?: number;
}

/** SQLite's limit on a LIMIT clause is a signed 64-bit integer; this means "no limit". */
const NO_LIMIT = -1;

export function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<EventStore> {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  try {
    configure(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return Promise.resolve(
    new SqliteEventStore(db, options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES),
  );
}

class SqliteEventStore implements EventStore, EventRedaction {
  readonly kind = 'sqlite';
  private readonly statements: SqliteStatements;
  private readonly signal = new AppendSignal();
  private readonly groupCommit: GroupCommit;
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  constructor(
    private readonly db: DatabaseSync,
    private readonly maxEventBytes: number,
  ) {
    this.statements = new SqliteStatements(db);
    this.groupCommit = new GroupCommit(db, () => this.signal.notify());
  }

  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
    const serialised = validateAppend(streamName, events, expectedRevision, this.maxEventBytes);
    return await this.groupCommit.run((recordedAt) =>
      appendInTransaction(this.statements, streamName, serialised, expectedRevision, recordedAt),
    );
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.statements.readStream.all(
      streamName,
      options.fromRevision ?? 0,
      options.maxCount ?? NO_LIMIT,
    );
    return Promise.resolve(rows.map((row) => toRecordedEvent(storedEventRowOf(row))));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.statements.readAll.all(options.after ?? 0n, options.maxCount ?? NO_LIMIT);
    return Promise.resolve(rows.map((row) => toRecordedEvent(storedEventRowOf(row))));
  }

  headPosition(): Promise<GlobalPosition> {
    const row = this.statements.head.get() as { head: bigint };
    return Promise.resolve(row.head);
  }

  redactStream(streamName: string, redact: RedactEvent): Promise<number> {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
    return Promise.resolve(redactSqliteStream(this.db, streamName, redact));
  }

  reclaimRedactedSpace(): Promise<void> {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
    truncateSqliteWal(this.db);
    return Promise.resolve();
  }

  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription {
    const subscription = new PollingSubscription(
      {
        readAll: (o) => this.readAll(o),
        waitForAppend: (abort, maxWaitMs) => this.signal.wait(abort, maxWaitMs),
      },
      handler,
      options,
    );
    return this.subscriptions.track(subscription);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
    await this.groupCommit.drain();
    this.db.close();
  }
}

import type { Pool, PoolConfig } from 'pg';
import { postgresConnections, CONNECT_TIMEOUT_MS, WatchedPool } from '../../postgres';
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
import { START } from '../event-store.port';
import type { EventRedaction, RedactEvent } from '../event-redaction';
import { OpenSubscriptions } from '../open-subscriptions';
import { PollingSubscription } from '../polling-subscription';
import { commitAppendGroup } from './postgres-append-group';
import { isConnectionLoss, toStoreError } from './postgres-errors';
import { toRecordedEvent } from '../stored-event-row';
import type { EventRow } from './postgres-event-row';
import { PostgresGroupCommit } from './postgres-group-commit';
import { migrateSchema } from './postgres-migrator';
import { PostgresNotificationListener } from './postgres-notification-listener';
import { redactPostgresStream, vacuumEvents } from './postgres-redaction';
import { assertSchemaName, DEFAULT_SCHEMA } from './postgres-schema-name';
import { PostgresSql, type PreparedStatement } from './postgres-sql';

interface PostgresEventStoreOptions {
  readonly connectionString: string;
  readonly maxEventBytes?: number;
  /** Schema holding the tables, created and migrated on open. Default `consent_ledger`. */
  readonly schema?: string;
  /** Connections in the pool; the LISTEN connection comes on top. Default 10. */
  readonly poolSize?: number;
}

/** Pauses before the 2nd and 3rd attempt of a read whose connection was lost. */
const READ_RETRY_DELAYS_MS = [0, 100];

/**
 * Opens the PostgreSQL store: creates and migrates its schema (safe when several processes
 * start at once), then serves appends through group commit and reads through the pool.
 */
export async function openPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<EventStore> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  assertSchemaName(schema);
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    keepAlive: true,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Queries issued together are sent together: an append group costs two round trips.
    pipeline: true,
  };
  // A connection that dies is dropped by the pool (docs/adr/0022); the next query opens a
  // new one, and appends and reads retry a lost connection a few times before answering.
  const pool = new WatchedPool('event_store', config);
  try {
    await migrateSchema(pool, schema);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toStoreError(error);
  }
  return new PostgresEventStore(
    pool,
    config,
    schema,
    options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
  );
}

class PostgresEventStore implements EventStore, EventRedaction {
  readonly kind = 'postgres';
  private readonly sql: PostgresSql;
  private readonly signal = new AppendSignal();
  private readonly groupCommit: PostgresGroupCommit;
  private readonly subscriptions = new OpenSubscriptions();
  private readonly reads = new Set<Promise<unknown>>();
  private listener: PostgresNotificationListener | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly config: PoolConfig,
    private readonly schema: string,
    private readonly maxEventBytes: number,
  ) {
    this.sql = new PostgresSql(schema);
    this.groupCommit = new PostgresGroupCommit(
      (requests) => commitAppendGroup(pool, this.sql, schema, requests),
      () => this.signal.notify(),
    );
  }

  append(
    streamName: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    try {
      const serialised = validateAppend(streamName, events, expectedRevision, this.maxEventBytes);
      return this.groupCommit.append({
        streamName,
        events: serialised,
        expected: expectedRevision,
      });
    } catch (error) {
      return Promise.reject(toStoreError(error));
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(this.sql.readStream, [
      streamName,
      options.fromRevision ?? 0,
      limit(options.maxCount),
    ]);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(this.sql.readAll, [
      (options.after ?? START).toString(),
      limit(options.maxCount),
    ]);
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<GlobalPosition> {
    const rows = await this.query<{ position: string }>(this.sql.head, []);
    return BigInt(rows[0]?.position ?? '0');
  }

  /** Erasure only (docs/adr/0017): see `EventRedaction`. */
  redactStream(streamName: string, redact: RedactEvent): Promise<number> {
    if (this.closed) return Promise.reject(closedError());
    return redactPostgresStream(this.pool, this.schema, streamName, redact);
  }

  reclaimRedactedSpace(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    return vacuumEvents(this.pool, this.schema);
  }

  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription {
    if (this.closed) throw closedError();
    this.listener ??= new PostgresNotificationListener(
      {
        connectionString: this.config.connectionString,
        keepAlive: true,
        connectionTimeoutMillis: this.config.connectionTimeoutMillis,
      },
      this.sql.channel,
      () => this.signal.notify(),
      postgresConnections.watch('event_store_listener'),
    );
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

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.release();
    return this.closing;
  }

  private async release(): Promise<void> {
    await this.subscriptions.closeAll();
    await this.groupCommit.drain();
    await Promise.allSettled([...this.reads]);
    await this.listener?.close();
    await this.pool.end();
  }

  /** A read on any pooled connection; a lost connection is retried on a fresh one. */
  private query<R extends object>(statement: PreparedStatement, values: unknown[]): Promise<R[]> {
    if (this.closed) return Promise.reject(closedError());
    const read = this.queryWithRetry<R>(statement, values);
    this.reads.add(read);
    void read.catch(() => undefined).finally(() => this.reads.delete(read));
    return read;
  }

  private async queryWithRetry<R extends object>(
    statement: PreparedStatement,
    values: unknown[],
  ): Promise<R[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.pool.query<R>({ ...statement, values });
        return result.rows;
      } catch (error) {
        const delay = READ_RETRY_DELAYS_MS[attempt];
        if (!isConnectionLoss(error) || delay === undefined || this.closed) {
          throw toStoreError(error);
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/** `LIMIT NULL` is no limit in PostgreSQL. */
function limit(maxCount: number | undefined): number | null {
  return maxCount === undefined ? null : Math.max(0, maxCount);
}

function closedError(): EventStoreUnavailableError {
  return new EventStoreUnavailableError('the PostgreSQL event store is closed');
}

import { Client, type ClientConfig } from 'pg';
import {
  type ConnectionWatch,
  postgresConnections,
  isConnectionLoss,
  SerialQueue,
  CONNECT_TIMEOUT_MS,
} from '../../postgres';
import { ReadStoreClosedError } from '../read-store.errors';
import type { WriterLease } from '../read-store.port';

class AdvisoryLease implements WriterLease {
  lost = false;
  constructor(private readonly releaser: () => Promise<void>) {}

  release(): Promise<void> {
    return this.releaser();
  }
}

interface LeaseHeartbeat {
  /** How often the lease connection is checked while it holds a lease. */
  readonly everyMs: number;
  /** A check not answered in this time counts as the connection lost. */
  readonly timeoutMs: number;
}

const DEFAULT_HEARTBEAT: LeaseHeartbeat = { everyMs: 2000, timeoutMs: 5000 };

/**
 * Writer leases as session-level advisory locks, all held on one dedicated connection:
 * PostgreSQL frees them by itself when that connection's backend ends, so a crashed replica
 * never keeps a projection locked. Every lease is marked lost the moment the connection is
 * known dead — its 'error' or 'end', a failed query, or a heartbeat that goes unanswered —
 * and the next acquisition opens a new session, where each lock is taken afresh and granted
 * only if no other session holds it (docs/adr/0022).
 *
 * The connection's queries run one at a time: a pg client takes one query at a time, and two
 * acquisitions of one name racing on one session would both be granted (advisory locks are
 * re-entrant within a session), leaving a lock that one release does not free.
 */
export class PostgresWriterLeases {
  private client: Client | undefined;
  private readonly held = new Map<string, AdvisoryLease>();
  private readonly serial = new SerialQueue();
  private readonly watch: ConnectionWatch;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private beating = false;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    /** Namespaces the lock keys, so two schemas on one server do not block each other. */
    private readonly namespace: string,
    private readonly onError: (error: unknown) => void,
    private readonly heartbeat: LeaseHeartbeat = DEFAULT_HEARTBEAT,
    watch?: ConnectionWatch,
  ) {
    this.watch = watch ?? postgresConnections.watch('read_store_leases');
  }

  tryAcquire(name: string): Promise<WriterLease | undefined> {
    return this.serial.run(async () => {
      // Advisory locks are re-entrant within a session, so the process tracks its own holds.
      if (this.held.has(name)) return undefined;
      const client = await this.connection();
      const key = `${this.namespace}:${name}`;
      const { rows } = await this.onSession(client, () =>
        client.query<{ granted: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS granted',
          [key],
        ),
      );
      // Granted on a session that has died since is no lock at all.
      if (rows[0]?.granted !== true || this.client !== client) return undefined;
      const lease: AdvisoryLease = new AdvisoryLease(() => this.release(name, lease, client, key));
      this.held.set(name, lease);
      this.startHeartbeat();
      return lease;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopHeartbeat();
    this.loseAll();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.serial.idle();
    this.watch.close();
  }

  private release(name: string, lease: AdvisoryLease, client: Client, key: string): Promise<void> {
    return this.serial.run(async () => {
      if (this.held.get(name) !== lease) return;
      this.held.delete(name);
      lease.lost = true;
      if (this.held.size === 0) this.stopHeartbeat();
      // A session that has ended took its locks with it.
      if (this.client !== client) return;
      await this.onSession(client, () =>
        client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]),
      );
    });
  }

  private async connection(): Promise<Client> {
    if (this.closed) throw new ReadStoreClosedError();
    if (this.client) return this.client;
    const client = new Client({
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...this.config,
    });
    // Attached before connecting and kept for the client's whole life: an 'error' without
    // a listener would end the process.
    client.on('error', (error) => {
      this.onError(error);
      this.forget(client);
    });
    client.on('end', () => this.forget(client));
    try {
      await client.connect();
    } catch (error) {
      this.watch.connectFailed(error);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new ReadStoreClosedError();
    }
    this.watch.reached();
    this.client = client;
    return client;
  }

  /**
   * A query on the lease session. When it fails for the connection, or goes unanswered for
   * the heartbeat's timeout, the session is over: a lease holder must not go on believing in
   * a session it cannot hear from.
   */
  private async onSession<T>(client: Client, query: () => Promise<T>): Promise<T> {
    const timer = setTimeout(() => this.endSession(client), this.heartbeat.timeoutMs);
    timer.unref();
    try {
      return await query();
    } catch (error) {
      if (isConnectionLoss(error)) this.endSession(client);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * While leases are held, a query every few seconds proves the session still lives: one can
   * die without its socket saying so at once (a partition, a host that vanished).
   */
  private startHeartbeat(): void {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => void this.beat(), this.heartbeat.everyMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      await this.serial.run(async () => {
        const client = this.client;
        if (!client || this.held.size === 0) return;
        // A failure has ended the session already, and marked the leases lost.
        await this.onSession(client, () => client.query('SELECT 1')).catch(() => undefined);
      });
    } finally {
      this.beating = false;
    }
  }

  /** Gives the session up from this side: leases lost first, then the socket closed. */
  private endSession(client: Client): void {
    if (this.client !== client) return;
    this.forget(client);
    void client.end().catch(() => undefined);
  }

  private forget(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.loseAll();
    this.stopHeartbeat();
    if (!this.closed) this.watch.lost(client);
  }

  private loseAll(): void {
    for (const lease of this.held.values()) lease.lost = true;
    this.held.clear();
  }
}

import { Pool, type PoolClient, type PoolConfig } from 'pg';
import {
  type ConnectionWatch,
  type PostgresComponent,
  type PostgresConnections,
  postgresConnections,
} from './connection-watch';

/**
 * How long to wait for a connection, from the pool or from the server. A server that is down
 * refuses at once; this bounds the wait for one that does not answer, so a request fails
 * with 503 instead of hanging.
 */
export const CONNECT_TIMEOUT_MS = 5000;

type ConnectCallback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A `pg` pool that survives its server going away. pg-pool listens for errors only on idle
 * clients: a client that is checked out when its backend dies (a transaction waiting on the
 * caller, a server restart) emits 'error' with nobody listening, which ends the process.
 * Here every client gets a listener for its whole life the moment it connects, so a lost
 * connection is only ever an error its current query rejects with, and the pool drops it.
 * Losses, failed connects and recoveries are reported to the component's `ConnectionWatch`
 * (metrics), which probes the server with backoff while it is down.
 */
export class WatchedPool extends Pool {
  readonly watch: ConnectionWatch;

  constructor(
    component: PostgresComponent,
    config: PoolConfig,
    /** Errors of idle connections, which have no caller to reject; already counted. */
    onIdleError: (error: Error) => void = () => undefined,
    /** Where the watch reports; tests pass their own. */
    connections: PostgresConnections = postgresConnections,
  ) {
    super({ keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...config });
    this.watch = connections.watch(component, () => this.query('SELECT 1'));
    this.on('connect', (client) => {
      this.watch.reached();
      client.on('error', () => this.watch.lost(client));
    });
    this.on('error', onIdleError);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    if (callback === undefined) {
      return super.connect().catch((error: unknown) => {
        this.watch.connectFailed(error);
        throw error;
      });
    }
    // pg-pool's own `query` connects through this form.
    super.connect((error, client, done) => {
      if (error) this.watch.connectFailed(error);
      callback(error, client, done);
    });
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    this.watch.close();
    return callback === undefined ? super.end() : super.end(callback);
  }
}

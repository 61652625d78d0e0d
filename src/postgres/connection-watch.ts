import { setTimeout as sleep } from 'node:timers/promises';
import { isConnectionLoss } from './connection-loss';
import { backoffCeilingMs, type Backoff } from '../shared/backoff';

/** Every part of the service that holds PostgreSQL connections, as metrics name it. */
export type PostgresComponent =
  | 'event_store'
  | 'event_store_listener'
  | 'read_store'
  | 'read_store_leases'
  | 'key_store'
  | 'subject_lookup'
  | 'webhook_store';

interface ComponentStatus {
  readonly component: PostgresComponent;
  /** Undefined when no watch of the component is open (the store is closed). */
  readonly up: boolean | undefined;
  /** Established connections that died (restart, crash, terminated backend, network). */
  readonly losses: number;
  /** Attempts to connect that failed because the server could not be reached. */
  readonly connectFailures: number;
}

const DEFAULT_PROBE_BACKOFF: Backoff = { minMs: 200, maxMs: 2000 };

/** pg-pool's own error when every connection stayed busy: load, not an outage. */
const POOL_BUSY = 'timeout exceeded when trying to connect';

/**
 * Whether one component reaches PostgreSQL. Down from a lost connection or a failed connect
 * until a connection succeeds again; with a probe, a component that is down tries it with
 * backoff by itself, so it reports (and its pool holds) a fresh connection as soon as the
 * server is back, even when no traffic comes.
 */
export class ConnectionWatch {
  private up = true;
  private probing = false;
  private readonly stop = new AbortController();
  private readonly lostConnections = new WeakSet<object>();

  constructor(
    readonly component: PostgresComponent,
    private readonly registry: PostgresConnections,
    private readonly probe?: () => Promise<unknown>,
    private readonly backoff: Backoff = DEFAULT_PROBE_BACKOFF,
  ) {}

  get isUp(): boolean {
    return this.up;
  }

  /** A connection was established (or a probe answered). */
  reached(): void {
    this.up = true;
  }

  /**
   * An established connection died. `connection` identifies it, so a client that reports
   * its death twice (an error message, then the socket closing) counts once.
   */
  lost(connection: object): void {
    if (this.lostConnections.has(connection)) return;
    this.lostConnections.add(connection);
    this.registry.count(this.component, 'losses');
    this.down();
  }

  /** A connect failed; failures that do not mean the server is unreachable are ignored. */
  connectFailed(error: unknown): void {
    if (!isConnectionLoss(error) || (error as { message?: unknown }).message === POOL_BUSY) {
      return;
    }
    this.registry.count(this.component, 'connectFailures');
    this.down();
  }

  close(): void {
    this.stop.abort();
    this.registry.forget(this);
  }

  private down(): void {
    this.up = false;
    if (this.probe && !this.probing && !this.stop.signal.aborted) void this.probeUntilUp();
  }

  private async probeUntilUp(): Promise<void> {
    this.probing = true;
    const signal = this.stop.signal;
    try {
      // The loss that brought the component down counts as the first failure.
      for (let failures = 1; !this.up && !signal.aborted; failures++) {
        const delay = backoffCeilingMs(failures, this.backoff);
        // Unreferenced: a probe never keeps a process alive that has nothing else to do.
        await sleep(delay, undefined, { signal, ref: false }).catch(() => undefined);
        if (signal.aborted || this.up) return;
        await this.probe!().then(
          () => this.reached(),
          () => undefined,
        );
      }
    } finally {
      this.probing = false;
    }
  }
}

type Count = 'losses' | 'connectFailures';

/**
 * The process-wide view metrics read: every open watch, and counts that outlive the watches
 * (a counter never goes down). Process-wide rather than per application because the
 * adapters open their pools outside the dependency container; a process runs one service.
 */
export class PostgresConnections {
  private readonly open = new Set<ConnectionWatch>();
  private readonly counts = new Map<PostgresComponent, Record<Count, number>>();

  watch(
    component: PostgresComponent,
    probe?: () => Promise<unknown>,
    backoff?: Backoff,
  ): ConnectionWatch {
    const watch = new ConnectionWatch(component, this, probe, backoff);
    this.open.add(watch);
    this.countsOf(component);
    return watch;
  }

  statuses(): ComponentStatus[] {
    return [...this.counts.entries()].map(([component, counts]) => {
      const watches = [...this.open].filter((w) => w.component === component);
      return {
        component,
        up: watches.length === 0 ? undefined : watches.every((w) => w.isUp),
        ...counts,
      };
    });
  }

  /** @internal for `ConnectionWatch` */
  count(component: PostgresComponent, what: Count): void {
    this.countsOf(component)[what] += 1;
  }

  /** @internal for `ConnectionWatch` */
  forget(watch: ConnectionWatch): void {
    this.open.delete(watch);
  }

  private countsOf(component: PostgresComponent): Record<Count, number> {
    let counts = this.counts.get(component);
    if (!counts) {
      counts = { losses: 0, connectFailures: 0 };
      this.counts.set(component, counts);
    }
    return counts;
  }
}

/** The one registry of this process. */
export const postgresConnections = new PostgresConnections();

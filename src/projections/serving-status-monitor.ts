import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import type { ReadStore } from '../read-store/read-store.port';
import { measureLag, type Lag } from './projection-lag';
import type { ProjectionRunState } from './projection-runner';
import type { ProjectorLogger } from './projector-logger';
import type { ProjectionFreshness, ServingStatus, StoreProbe } from './serving-status';

interface ServingStatusMonitorOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** The projections' states and positions, read from memory. */
  readonly states: () => readonly ProjectionRunState[];
  readonly log: ProjectorLogger;
  readonly intervalMs: number;
  readonly probeTimeoutMs: number;
}

type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

class ProbeTimeoutError extends Error {
  override readonly name = 'ProbeTimeoutError';
}

/**
 * Measures, once every `intervalMs` in the background, whether the event store and the read
 * store answer and how far each projection lags: one head read, one `SELECT 1` and one
 * single-event read per distinct lagging position. `/ready` and the lag gauges read the
 * latest measurement, so a probe never queries a store, however many probes arrive and
 * however loaded the stores are. A store that does not answer within `probeTimeoutMs`
 * counts as down; a probe still pending is awaited again rather than started twice, so a
 * hung store does not collect a queue of probes. Store outages are logged when they begin
 * and end, not on every measurement.
 */
export class ServingStatusMonitor {
  private latest: ServingStatus | undefined;
  private timer: NodeJS.Timeout | undefined;
  private measuring: Promise<void> | undefined;
  private running = false;
  private readonly pending = new Map<string, Promise<Outcome<unknown>>>();

  constructor(private readonly options: ServingStatusMonitorOptions) {}

  /** Measures once (so a status exists when this resolves), then every interval. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.tick();
  }

  /** Stops measuring; resolves once a measurement in flight has finished. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.measuring;
    this.latest = undefined;
  }

  current(): ServingStatus | undefined {
    return this.latest;
  }

  private async tick(): Promise<void> {
    this.measuring = this.measure()
      .then((status) => {
        if (this.running) this.latest = status;
      })
      .catch((error: unknown) => {
        this.options.log({ level: 'warn', message: 'could not measure the serving status', error });
      });
    await this.measuring;
    this.measuring = undefined;
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
    // The measurement must never keep the process alive on its own.
    this.timer.unref();
  }

  private async measure(): Promise<ServingStatus> {
    const { eventStore, readStore } = this.options;
    const measuredAt = new Date();
    const states = this.options.states();
    const [head, read] = await Promise.all([
      this.probe('event-store', () => eventStore.headPosition()),
      this.probe('read-store', () => readStore.query('SELECT 1 AS up')),
    ]);
    const lags: Outcome<Map<GlobalPosition, Lag>> = head.ok
      ? await this.probe('lag', () => this.measureLags(states, head.value, measuredAt))
      : head;
    const previous = this.latest;
    const status: ServingStatus = {
      measuredAt,
      eventStore: this.storeProbe('event', eventStore.kind, lags, previous?.eventStore),
      readStore: this.storeProbe('read', readStore.dialect, read, previous?.readStore),
      ...(head.ok ? { headPosition: head.value.toString() } : {}),
      projections: states.map((state) => {
        const lag = lags.ok
          ? lags.value.get(state.position)
          : previous?.projections.find((p) => p.name === state.name);
        return freshnessOf(state, lag ?? { lagEvents: 0, lagSeconds: 0 });
      }),
    };
    return status;
  }

  private async measureLags(
    states: readonly ProjectionRunState[],
    head: GlobalPosition,
    now: Date,
  ): Promise<Map<GlobalPosition, Lag>> {
    const lags = new Map<GlobalPosition, Lag>();
    for (const { position } of states) {
      if (!lags.has(position)) {
        lags.set(position, await measureLag(this.options.eventStore, position, head, now));
      }
    }
    return lags;
  }

  /** Runs `work` unless the same probe is still pending, in which case that one is awaited. */
  private probe<T>(key: string, work: () => Promise<T>): Promise<Outcome<T>> {
    let outcome = this.pending.get(key) as Promise<Outcome<T>> | undefined;
    if (!outcome) {
      outcome = work().then(
        (value): Outcome<T> => ({ ok: true, value }),
        (error: unknown): Outcome<T> => ({ ok: false, error }),
      );
      this.pending.set(key, outcome);
      void outcome.then(() => this.pending.delete(key));
    }
    return withTimeout(outcome, this.options.probeTimeoutMs);
  }

  private storeProbe(
    store: 'event' | 'read',
    kind: string,
    outcome: Outcome<unknown>,
    previous: StoreProbe | undefined,
  ): StoreProbe {
    if (outcome.ok) {
      if (previous && !previous.up) {
        this.options.log({ level: 'info', message: `the ${store} store answers again` });
      }
      return { kind, up: true };
    }
    const reason =
      outcome.error instanceof ProbeTimeoutError
        ? `the ${kind} ${store} store did not answer within ${this.options.probeTimeoutMs} ms`
        : `the ${kind} ${store} store did not answer`;
    if (!previous || previous.up) {
      // The driver's message may name hosts or users: it goes to the log, not to /ready.
      this.options.log({
        level: 'warn',
        message: `${reason}; not ready until it does`,
        error: outcome.error,
      });
    }
    return { kind, up: false, reason };
  }
}

function freshnessOf(state: ProjectionRunState, lag: Lag): ProjectionFreshness {
  const halted = state.state === 'failed' || state.state === 'superseded';
  return {
    name: state.name,
    state: state.state,
    position: state.position.toString(),
    lagEvents: lag.lagEvents,
    lagSeconds: lag.lagSeconds,
    caughtUp: lag.lagEvents === 0 && !halted,
    halted,
  };
}

function withTimeout<T>(outcome: Promise<Outcome<T>>, ms: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: new ProbeTimeoutError() }), ms);
  });
  return Promise.race([outcome, timeout]).finally(() => clearTimeout(timer));
}

import type { Registry } from 'prom-client';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import type { ReadStore } from '../read-store/read-store.port';
import { ensureCheckpointTable } from './checkpoints';
import { FeedWatcher } from './feed-watcher';
import { PROJECTION_NAME, type Projection } from './projection';
import { hasDensePositions, measureLag } from './projection-lag';
import { ProjectionRunner, type ProjectionRunState } from './projection-runner';
import type { ProjectionStatus, ProjectionStatusSource } from './projection-status';
import { InvalidProjectionError, UnknownProjectionError } from './projection.errors';
import { silentProjectorLogger, type ProjectorLogger } from './projector-logger';
import { ProjectorMetrics } from './projector-metrics';
import { DEFAULT_PROJECTOR_SETTINGS, type ProjectorSettings } from './projector-settings';
import { PositionWaiters } from './position-waiters';
import { servingStatusAsOf, type ServingStatus, type ServingStatusSource } from './serving-status';
import { ServingStatusMonitor } from './serving-status-monitor';

export interface ProjectorOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  readonly log?: ProjectorLogger;
  /** Where the lag, position and applied-events metrics are registered. */
  readonly registry?: Registry;
  readonly settings?: Partial<ProjectorSettings>;
}

/**
 * Runs every registered projection over the global feed, each independently: one that
 * fails stops alone, one being rebuilt does not hold the others back.
 */
export class Projector implements ProjectionStatusSource, ServingStatusSource {
  private readonly runners: ReadonlyMap<string, ProjectionRunner>;
  private readonly feed: FeedWatcher;
  private readonly waiters = new PositionWaiters();
  private readonly metrics: ProjectorMetrics | undefined;
  private readonly monitor: ServingStatusMonitor;
  private readonly eventStore: EventStore;
  private readonly readStore: ReadStore;
  private started = false;
  private checkpointTableReady = false;

  constructor(options: ProjectorOptions) {
    assertValidProjections(options.projections);
    this.eventStore = options.eventStore;
    this.readStore = options.readStore;
    const log = options.log ?? silentProjectorLogger;
    const settings = { ...DEFAULT_PROJECTOR_SETTINGS, ...options.settings };
    this.feed = new FeedWatcher(options.eventStore, log);
    const context = {
      eventStore: options.eventStore,
      readStore: options.readStore,
      feed: this.feed,
      log,
      settings,
      onProgress: (runner: ProjectionRunner, applied: number, loadedTo?: GlobalPosition) => {
        if (applied > 0) this.metrics?.countApplied(runner.name, applied);
        this.waiters.check();
        settings.onProgress?.(runner.name, loadedTo ?? runner.position, applied);
      },
      onBatch: (runner: ProjectionRunner, _events: number, ms: number) =>
        this.metrics?.observeBatch(runner.name, ms),
    };
    this.runners = new Map(
      options.projections.map((p) => [p.name, new ProjectionRunner(p, context)] as const),
    );
    this.monitor = new ServingStatusMonitor({
      eventStore: options.eventStore,
      readStore: options.readStore,
      states: () => this.states(),
      log,
      intervalMs: settings.statusRefreshMs,
      probeTimeoutMs: settings.probeTimeoutMs,
    });
    this.metrics = options.registry && new ProjectorMetrics(options.registry, this);
  }

  /**
   * Sets up (or, after a version change, rebuilds) every projection's tables, then lets
   * them catch up and follow the feed in the background.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.ensureCheckpointTable();
    await this.feed.start();
    await Promise.all([...this.runners.values()].map((runner) => runner.start()));
    await this.monitor.start();
  }

  /** Stops every projection after its batch in flight; pending waits are answered. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.monitor.stop();
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    await this.feed.stop();
    this.waiters.settleAll();
  }

  /**
   * Drops the projection's tables and replays the feed into new ones; resolves once it
   * has reached the head the feed had when the rebuild began. A running projector then
   * follows the feed live again. Throws `ProjectionFailedError` if an event fails.
   * `alone`: the other running projections pause meanwhile (the rebuild CLI), so their
   * catch-up does not share the CPU and the store's writer with it.
   */
  async rebuild(name: string, options: { readonly alone?: boolean } = {}): Promise<void> {
    const runner = this.runner(name);
    await this.ensureCheckpointTable();
    const paused = options.alone
      ? [...this.runners.values()].filter(
          (other) =>
            other !== runner &&
            ['starting', 'running', 'following'].includes(other.snapshot().state),
        )
      : [];
    await Promise.all(paused.map((other) => other.stop()));
    try {
      await runner.rebuild();
    } finally {
      // Even a failed rebuild resumes live following, from wherever it got to.
      if (this.started) await runner.start();
      if (this.started) await Promise.all(paused.map((other) => other.start()));
    }
  }

  /**
   * Resolves true once the named projections (all by default) have applied every event up
   * to `position`, false if `timeoutMs` passes first. For read-your-writes: a command
   * returns the position it reached, a query waits for it.
   */
  waitForPosition(
    position: GlobalPosition,
    timeoutMs: number,
    names?: readonly string[],
  ): Promise<boolean> {
    const selected = names ? names.map((name) => this.runner(name)) : [...this.runners.values()];
    return this.waiters.wait(() => selected.every((r) => r.position >= position), timeoutMs);
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headPosition();
    const now = new Date();
    return Promise.all(
      [...this.runners.values()].map(async (runner) => {
        const { state, position } = runner.snapshot();
        const lag = await measureLag(this.eventStore, position, head, now);
        return {
          name: runner.name,
          position: position.toString(),
          ...lag,
          caughtUp: lag.lagEvents === 0 && state !== 'failed' && state !== 'superseded',
          halted: state === 'failed' || state === 'superseded',
        };
      }),
    );
  }

  /**
   * For `/ready`: the latest background measurement of the stores and the projections' lag,
   * brought up to date with the positions the projections hold now (see
   * `servingStatusAsOf`). Costs no query. Undefined while the projector is not running.
   */
  servingStatus(): ServingStatus | undefined {
    const measured = this.monitor.current();
    if (!measured) return undefined;
    return servingStatusAsOf(
      measured,
      this.states(),
      {
        head: this.feed.head,
        densePositions: hasDensePositions(this.eventStore),
        recordedAfter: (position) => this.feed.recordedAfter(position),
      },
      new Date(),
    );
  }

  /**
   * Each projection's lag for the metrics: as `servingStatus` while the projector runs,
   * measured now otherwise.
   */
  freshness(): Promise<ProjectionStatus[]> {
    const status = this.servingStatus();
    return status ? Promise.resolve([...status.projections]) : this.statuses();
  }

  /** What each projection is doing, with the failure that stopped it, if any. */
  states(): ProjectionRunState[] {
    return [...this.runners.values()].map((runner) => runner.snapshot());
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new UnknownProjectionError(name);
    return runner;
  }

  private async ensureCheckpointTable(): Promise<void> {
    if (this.checkpointTableReady) return;
    await ensureCheckpointTable(this.readStore);
    this.checkpointTableReady = true;
  }
}

function assertValidProjections(projections: readonly Projection[]): void {
  const seen = new Set<string>();
  for (const { name, version } of projections) {
    if (!PROJECTION_NAME.test(name)) {
      throw new InvalidProjectionError(
        `projection name "${name}" must be lower-case letters, digits and _, starting with a letter`,
      );
    }
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new InvalidProjectionError(`projection ${name}: version must be a positive integer`);
    }
    if (seen.has(name)) throw new InvalidProjectionError(`two projections are named "${name}"`);
    seen.add(name);
  }
}

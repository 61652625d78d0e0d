import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import {
  START,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '../event-store/event-store.port';
import { ReadStoreUnavailableError } from '../read-store';
import type { ReadStore, ReadStoreTransaction, WriterLease } from '../read-store/read-store.port';
import { BatchSizer } from './batch-sizer';
import { runBulkBuild } from './bulk-build-driver';
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints';
import { blameProjection, ProjectionCodeFailed } from './projection-code-failure';
import type { FeedWatcher } from './feed-watcher';
import type { Projection } from './projection';
import { ProjectionFailedError, ProjectionLeasedElsewhereError } from './projection.errors';
import type { ProjectorLogger } from './projector-logger';
import type { ProjectorSettings } from './projector-settings';
import { jitteredBackoffMs } from '../shared/backoff';

/**
 * - `running`: this process writes the projection and follows the feed.
 * - `following`: another process holds the writer lease; the position is read from the store.
 * - `failed`: `apply` threw; the projection stopped before that event.
 * - `superseded`: the store holds a newer version, written by newer code; this one stays off.
 */
export type ProjectionState =
  'stopped' | 'starting' | 'running' | 'following' | 'rebuilding' | 'failed' | 'superseded';

export interface ProjectionRunState {
  readonly name: string;
  readonly version: number;
  readonly state: ProjectionState;
  readonly position: GlobalPosition;
  readonly failure?: ProjectionFailedError;
}

interface RunnerContext {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly feed: FeedWatcher;
  readonly log: ProjectorLogger;
  readonly settings: ProjectorSettings;
  /**
   * Called whenever the position changes; `applied` counts the events just committed. A bulk
   * build reports its loading as `loadedTo` while the position itself stays at the start.
   */
  readonly onProgress: (
    runner: ProjectionRunner,
    applied: number,
    loadedTo?: GlobalPosition,
  ) => void;
  /** Called after each committed batch with its size and how long it took, read to commit. */
  readonly onBatch: (runner: ProjectionRunner, events: number, ms: number) => void;
}

/** 'partial': applied a batch smaller than asked for, so the projection is at the head. */
type StepResult = 'applied' | 'partial' | 'idle' | 'moved';

/**
 * Runs one projection over the global feed. Every batch is one read-store transaction that
 * first checks the stored checkpoint is still where this runner left it, then applies the
 * events and saves the new checkpoint: rows and checkpoint commit together, so a crash at
 * any moment loses nothing and applies nothing twice, and a second writer cannot interleave.
 */
export class ProjectionRunner {
  private current: GlobalPosition = START;
  private state: ProjectionState = 'stopped';
  private failure: ProjectionFailedError | undefined;
  private lease: WriterLease | undefined;
  private prepared = false;
  /** Prepared, but the tables are to be built from the start (by a bulk build). */
  private buildFromStart = false;
  private loop: { readonly abort: AbortController; readonly done: Promise<void> } | undefined;
  private readonly sizer: BatchSizer;

  constructor(
    readonly projection: Projection,
    private readonly context: RunnerContext,
  ) {
    this.sizer = new BatchSizer(context.settings.batchSize, context.settings.batchTargetMs);
  }

  get name(): string {
    return this.projection.name;
  }

  get position(): GlobalPosition {
    return this.current;
  }

  snapshot(): ProjectionRunState {
    return {
      name: this.name,
      version: this.projection.version,
      state: this.state,
      position: this.current,
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  /**
   * Starts following the feed in the background. Resolves once the projection's tables are
   * set up (or it turned out another process writes them, or it cannot run here).
   */
  start(): Promise<void> {
    if (this.loop) return Promise.resolve();
    this.failure = undefined;
    this.state = 'starting';
    const abort = new AbortController();
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const done = this.run(abort.signal, ready).finally(ready);
    this.loop = { abort, done };
    return started;
  }

  /** Stops after the batch in flight has committed or rolled back. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    if (loop) {
      loop.abort.abort();
      await loop.done;
    }
    await this.releaseLease();
    if (this.state !== 'failed' && this.state !== 'superseded') this.state = 'stopped';
  }

  /**
   * Stops the projection, drops its tables, sets them up again and replays the feed up to
   * its current head. The caller restarts the runner afterwards if it should go on live.
   */
  async rebuild(): Promise<void> {
    await this.stop();
    this.failure = undefined;
    this.state = 'rebuilding';
    try {
      if (!(await this.acquireLease())) throw new ProjectionLeasedElsewhereError(this.name);
      const target = await this.context.eventStore.headPosition();
      if (this.bulkBuildOffered()) {
        this.moveTo(START, 0);
        const built = await this.buildInBulk(new AbortController().signal);
        if (built === 'moved') throw new ProjectionLeasedElsewhereError(this.name);
      } else {
        await this.resetToStart();
      }
      this.prepared = true;
      while (this.current < target) {
        const result = await this.step();
        if (result === 'moved') throw new ProjectionLeasedElsewhereError(this.name);
        if (result === 'idle') break;
        await nextTurn();
      }
      this.state = 'stopped';
    } catch (error) {
      if (error instanceof ProjectionFailedError) this.fail(error);
      else this.state = 'stopped';
      throw error;
    } finally {
      await this.releaseLease();
    }
  }

  private async run(signal: AbortSignal, ready: () => void): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!(await this.holdLease())) {
          this.state = 'following';
          await this.refreshFromStore();
          ready();
          await pause(this.context.settings.followerPollMs, signal);
          continue;
        }
        if (!this.prepared && !(await this.prepare())) {
          this.state = 'superseded';
          this.context.log({
            level: 'warn',
            message: 'the read store holds a newer version of this projection; not running it',
            projection: this.name,
          });
          ready();
          await this.releaseLease();
          return;
        }
        this.state = 'running';
        ready();
        if (this.buildFromStart) {
          await this.buildInBulk(signal);
          continue;
        }
        const started = performance.now();
        const result = await this.step();
        failures = 0;
        if (result === 'partial' && this.context.feed.head > this.current) {
          // Events arrived while the batch ran: the feed is busy. Let the next batch gather
          // what arrives meanwhile instead of paying a transaction per handful of events; an
          // event after a quiet spell is still applied at once (docs/adr/0023).
          const wait = started + this.context.settings.liveBatchIntervalMs - performance.now();
          if (wait > 0) await pause(wait, signal);
        }
        if (result === 'idle' || result === 'partial') {
          await this.context.feed.waitBeyond(
            this.current,
            signal,
            this.context.settings.idlePollMs,
          );
        } else {
          // SQLite answers synchronously: without this a catch-up would starve HTTP requests.
          await nextTurn();
        }
      } catch (error) {
        if (error instanceof ProjectionFailedError) {
          this.fail(error);
          ready();
          await this.releaseLease();
          return;
        }
        if (signal.aborted) return;
        failures += 1;
        this.context.log({
          level: 'warn',
          message: `projection paused by a store failure (attempt ${failures}); retrying`,
          projection: this.name,
          position: this.current.toString(),
          error,
        });
        ready();
        await pause(this.backoffMs(failures), signal);
      }
    }
  }

  /**
   * Brings the stored projection to this code's version: sets it up when it has never run,
   * drops and rebuilds it when an older version built it. False when a newer one did.
   */
  private async prepare(): Promise<boolean> {
    const { version } = this.projection;
    const position = await this.context.readStore.transaction(async (tx) => {
      const stored = await lockCheckpoint(tx, this.name);
      if (stored && stored.version > version) return undefined;
      // At the start nothing counts as applied: a bulk build cut short left rows behind.
      if (stored && stored.version === version && stored.position !== START) {
        return stored.position;
      }
      if (stored && stored.version !== version) {
        this.context.log({
          level: 'info',
          message: `projection version changed from ${stored.version} to ${version}; rebuilding`,
          projection: this.name,
        });
      }
      if (!this.bulkBuildOffered()) await this.reset(tx);
      return START;
    });
    if (position === undefined) return false;
    this.prepared = true;
    this.buildFromStart = position === START && this.bulkBuildOffered();
    this.moveTo(position, 0);
    return true;
  }

  private bulkBuildOffered(): boolean {
    return this.context.settings.bulkBuilds && this.projection.bulkBuild !== undefined;
  }

  /**
   * Builds the projection from the start with its bulk build; if the projection's code
   * fails there, drops what it built and falls back to building event by event, which names
   * the event at fault. 'moved' when another writer took over the checkpoint.
   */
  private async buildInBulk(signal: AbortSignal): Promise<'built' | 'stopped' | 'moved'> {
    const outcome = await runBulkBuild(this.projection, this.projection.bulkBuild!(), {
      eventStore: this.context.eventStore,
      readStore: this.context.readStore,
      batchSize: this.context.settings.bulkBatchSize,
      signal,
      onLoaded: (position, events) => this.context.onProgress(this, events, position),
    });
    switch (outcome.kind) {
      case 'built':
        this.buildFromStart = false;
        this.moveTo(outcome.position, 0);
        return 'built';
      case 'stopped':
        return 'stopped';
      case 'moved':
        this.moved(START);
        return 'moved';
      case 'failed':
        this.context.log({
          level: 'warn',
          message: 'bulk build failed; building the projection one event at a time',
          projection: this.name,
          error: outcome.error,
        });
        await this.resetToStart();
        this.buildFromStart = false;
        return 'built';
    }
  }

  /** Drops the tables and sets them up empty, with the checkpoint at the start. */
  private async resetToStart(): Promise<void> {
    await this.context.readStore.transaction(async (tx) => {
      await lockCheckpoint(tx, this.name);
      await this.reset(tx);
    });
    this.moveTo(START, 0);
  }

  /** Drops first even when no checkpoint exists, so leftovers of a lost checkpoint go too. */
  private async reset(tx: ReadStoreTransaction): Promise<void> {
    await this.projection.drop(tx);
    await this.projection.setup(tx);
    await saveCheckpoint(tx, this.name, { version: this.projection.version, position: START });
  }

  private async step(): Promise<StepResult> {
    const from = this.current;
    const started = performance.now();
    const limit = this.sizer.next;
    const batch = await this.context.eventStore.readAll({ after: from, maxCount: limit });
    const last = batch[batch.length - 1];
    const { version } = this.projection;
    if (last === undefined) {
      // Idle is when another writer's work shows: a rebuild by the CLI, or a newer version.
      const stored = await readCheckpoint(this.context.readStore, this.name);
      return stored?.version === version && stored.position === from ? 'idle' : this.moved(from);
    }
    const applyBatch = async (oneByOne: boolean) =>
      this.context.readStore.transaction(async (tx) => {
        const stored = await lockCheckpoint(tx, this.name);
        if (stored?.version !== version || stored.position !== from) return false;
        if (oneByOne || !this.projection.applyBatch) {
          for (const event of batch) await this.applyOne(event, tx);
        } else {
          await blameProjection(this.projection.applyBatch(batch, tx));
        }
        await saveCheckpoint(tx, this.name, { version, position: last.globalPosition });
        return true;
      });
    let committed: boolean;
    try {
      committed = await applyBatch(false);
    } catch (error) {
      if (!(error instanceof ProjectionCodeFailed)) throw error;
      // Rolled back; one event at a time names the event at fault (or, should only the
      // batch code be wrong, applies the batch the reference way).
      this.context.log({
        level: 'warn',
        message: 'applyBatch failed; applying the batch one event at a time',
        projection: this.name,
        position: from.toString(),
        error: error.cause,
      });
      committed = await applyBatch(true);
    }
    if (!committed) return this.moved(from);
    const ms = performance.now() - started;
    this.sizer.measured(batch.length, ms);
    this.context.onBatch(this, batch.length, ms);
    this.moveTo(last.globalPosition, batch.length);
    return batch.length < limit ? 'partial' : 'applied';
  }

  private moved(from: GlobalPosition): StepResult {
    this.context.log({
      level: 'warn',
      message: 'another writer moved the checkpoint; resuming from the stored one',
      projection: this.name,
      position: from.toString(),
    });
    this.prepared = false;
    return 'moved';
  }

  private async applyOne(event: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    try {
      await this.projection.apply(event, tx);
    } catch (error) {
      // The store being unreachable says nothing about the event; the batch is retried.
      if (error instanceof ReadStoreUnavailableError) throw error;
      throw new ProjectionFailedError(
        this.name,
        event.globalPosition.toString(),
        event.id,
        event.type,
        error,
      );
    }
  }

  private async refreshFromStore(): Promise<void> {
    const stored = await readCheckpoint(this.context.readStore, this.name);
    // Progress made by another version is no progress for this one.
    const position = stored?.version === this.projection.version ? stored.position : START;
    if (position !== this.current) this.moveTo(position, 0);
  }

  private async holdLease(): Promise<boolean> {
    if (this.lease && !this.lease.lost) return true;
    if (this.lease) {
      this.context.log({ level: 'warn', message: 'writer lease lost', projection: this.name });
    }
    return this.acquireLease();
  }

  private async acquireLease(): Promise<boolean> {
    this.lease = undefined;
    // Whatever another writer did meanwhile, the next batch starts from the stored state.
    this.prepared = false;
    // One writer per version: during a rolling deployment the new version takes its own
    // lease and rebuilds at once, instead of waiting, unready, for the old writer to exit.
    // The checkpoint check then stops the old writer (it finds itself superseded).
    const { name, version } = this.projection;
    this.lease = await this.context.readStore.tryAcquireWriterLease(
      `projection:${name}:v${version}`,
    );
    return this.lease !== undefined;
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    this.prepared = false;
    await lease?.release().catch((error: unknown) => {
      this.context.log({
        level: 'warn',
        message: 'could not release the writer lease; the store frees it with the connection',
        projection: this.name,
        error,
      });
    });
  }

  private fail(error: ProjectionFailedError): void {
    this.state = 'failed';
    this.failure = error;
    this.context.log({
      level: 'error',
      message: 'projection stopped: apply failed; fix the projection, then restart or rebuild it',
      projection: this.name,
      position: error.position,
      eventId: error.eventId,
      eventType: error.eventType,
      error: error.cause,
    });
  }

  private moveTo(position: GlobalPosition, applied: number): void {
    this.current = position;
    this.context.onProgress(this, applied);
  }

  private backoffMs(failures: number): number {
    const { minBackoffMs, maxBackoffMs } = this.context.settings;
    return jitteredBackoffMs(failures, { minMs: minBackoffMs, maxMs: maxBackoffMs });
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

import type { GlobalPosition } from '../event-store/event-store.port';

export interface ProjectorSettings {
  /**
   * Most events applied per read-store transaction. Catch-up and rebuild commit (and fsync)
   * once per batch, so this sets their speed; live, a batch is whatever has arrived, up to
   * the size `batchTargetMs` allows.
   */
  readonly batchSize: number;
  /**
   * How long one batch should take, reading the events through to the commit. After each
   * batch the next one is sized from the time per event just measured (never above
   * `batchSize`), so a projection whose events are costly commits, and wakes the readers
   * waiting for its position, every `batchTargetMs` or so instead of holding one long
   * transaction. See docs/adr/0023.
   */
  readonly batchTargetMs: number;
  /**
   * Least time from the start of one live batch to the start of the next while the feed is
   * busy (events arrived while the batch ran): a projection at the head of a busy feed then
   * applies what gathered meanwhile in one transaction, instead of one transaction (six
   * round trips on PostgreSQL) per handful of events. An event after a quiet spell is
   * applied at once. See docs/adr/0023.
   */
  readonly liveBatchIntervalMs: number;
  /**
   * Events loaded per transaction by a projection's bulk build (see `BulkBuild`). 20,000
   * loaded no faster than 5,000 (commits are not what a load waits on) and held ~100 MiB
   * more at its peak.
   */
  readonly bulkBatchSize: number;
  /**
   * Whether projections that offer a bulk build use it to build from the start; false
   * builds every projection event by event (an escape hatch, and what tests compare with).
   */
  readonly bulkBuilds: boolean;
  /** Longest a caught-up projection sleeps before looking at the feed without a wake-up. */
  readonly idlePollMs: number;
  /**
   * How often a projection another process writes refreshes its position from the read
   * store and tries again for the writer lease.
   */
  readonly followerPollMs: number;
  /**
   * How often the projector measures what `/ready` and the lag metrics report (the stores
   * answering, each projection's lag), in the background; readers get the latest measurement.
   */
  readonly statusRefreshMs: number;
  /** Longest a store may take to answer one status probe before it counts as down. */
  readonly probeTimeoutMs: number;
  /**
   * Retry delays after a store failure, doubling from min to max. The cap bounds how long a
   * projection stays behind once the database is back: the service should serve fresh
   * answers within seconds of an outage ending, and a retry is one cheap query.
   */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /**
   * Told whenever a projection's position changes (a committed batch, a reset to the
   * start, a refresh from the store), with the events just committed: e.g. a progress bar.
   * During a bulk build it is told how far the loading has got, while the position that
   * queries wait for stays at the start until the build is complete.
   */
  readonly onProgress?: (name: string, position: GlobalPosition, applied: number) => void;
}

export const DEFAULT_PROJECTOR_SETTINGS: ProjectorSettings = {
  batchSize: 5000,
  batchTargetMs: 250,
  liveBatchIntervalMs: 100,
  bulkBatchSize: 5000,
  bulkBuilds: true,
  idlePollMs: 1000,
  followerPollMs: 1000,
  statusRefreshMs: 1000,
  probeTimeoutMs: 3000,
  minBackoffMs: 100,
  maxBackoffMs: 2_000,
};

import type { RecordedEvent } from '../event-store/event-store.port';
import type { ReadStoreTransaction } from '../read-store/read-store.port';

/**
 * A read model built from the global feed. The projector calls `apply` once per event, in
 * feed order, inside a read-store transaction that also advances the projection's
 * checkpoint; a projection writes only through the `tx` it is given, so its rows and its
 * checkpoint commit together or not at all.
 *
 * `apply` must be deterministic (use `event.recordedAt`, never the clock) so that a rebuild
 * gives byte-identical rows. It must not swallow errors: a throw stops the projection at
 * that event, visibly, instead of skipping it.
 */
export interface Projection {
  /**
   * Stable identifier: lower-case letters, digits and `_`. It keys the checkpoint, labels
   * metrics and, by convention, prefixes the projection's tables.
   */
  readonly name: string;
  /**
   * Bump when the tables or the meaning of `apply` change. A projector that finds an older
   * version stored drops and rebuilds the projection when it starts.
   */
  readonly version: number;
  /** Creates the projection's tables and indexes. */
  setup(tx: ReadStoreTransaction): Promise<void>;
  /** Drops everything `setup` created. */
  drop(tx: ReadStoreTransaction): Promise<void>;
  apply(event: RecordedEvent, tx: ReadStoreTransaction): Promise<void>;
  /**
   * Optional: applies a batch of events (in feed order, in one transaction) at once, e.g.
   * with multi-row statements and state carried in memory across the batch. When present
   * the runner calls it instead of `apply` per event, so it must leave exactly the rows
   * `apply` would over each event in turn. If it throws, the runner rolls back and replays
   * the batch through `apply`, one event at a time, to name the event at fault.
   */
  applyBatch?(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void>;
  /**
   * Optional: a faster way to build the projection from the start of the feed (first
   * start, new version, rebuild) than applying every event to fully indexed tables. The
   * runner asks for a fresh `BulkBuild` each time it builds from the start; see there.
   */
  bulkBuild?(): BulkBuild;
}

/**
 * Building from the start in two phases. Applying events one batch at a time keeps every
 * index up to date after every batch; with keys spread at random (subjects are random
 * pseudonyms) each batch then rewrites most of an index's pages, and a rebuild spends its
 * time writing pages, not rows. A bulk build instead loads each event's raw material into
 * unindexed tables (appends only), then creates the indexes once and derives whatever
 * needs the whole history, in key order.
 *
 * The runner keeps the checkpoint at the start of the feed until `finish` says it is done,
 * so a build cut short (crash, stop, failure) is dropped and started again, never resumed.
 * The tables it leaves must equal, row for row, those `apply` leaves over the same events.
 * If a phase throws, the runner drops everything and builds event by event instead, which
 * names the event at fault.
 */
export interface BulkBuild {
  /** Creates the projection's tables, leaving out the indexes `finish` creates. */
  setupForLoad(tx: ReadStoreTransaction): Promise<void>;
  /** Appends what a batch of events (in feed order) brings; reads nothing it loaded. */
  load(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void>;
  /**
   * One step of the second phase, each in its own transaction so none grows unbounded:
   * creating the indexes, then deriving rows a slice at a time. Resolves true once the
   * projection is complete up to the last event loaded.
   */
  finish(tx: ReadStoreTransaction): Promise<boolean>;
}

export const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;

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
}

export const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;

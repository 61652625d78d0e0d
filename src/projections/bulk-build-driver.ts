import { setImmediate as nextTurn } from 'node:timers/promises';
import { START, type EventStore, type GlobalPosition } from '../event-store/event-store.port';
import type { ReadStore, ReadStoreTransaction } from '../read-store/read-store.port';
import { lockCheckpoint, saveCheckpoint } from './checkpoints';
import type { BulkBuild, Projection } from './projection';
import { blameProjection, ProjectionCodeFailed } from './projection-code-failure';

type BulkBuildOutcome =
  /** Complete up to `position`, which the checkpoint now holds. */
  | { readonly kind: 'built'; readonly position: GlobalPosition }
  /** Stopped on request between two transactions; the checkpoint is still at the start. */
  | { readonly kind: 'stopped' }
  /** Another writer changed the checkpoint meanwhile. */
  | { readonly kind: 'moved' }
  /** `load` or `finish` threw: the caller builds event by event instead. */
  | { readonly kind: 'failed'; readonly error: unknown };

interface BulkBuildContext {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** Events read and loaded per transaction. */
  readonly batchSize: number;
  readonly signal: AbortSignal;
  /** After each loaded batch: how far the load has got and how many events it took. */
  readonly onLoaded: (position: GlobalPosition, events: number) => void;
}

/**
 * Runs `build` for `projection` from the start of the feed to the head it finds when it
 * begins (and whatever a last batch brings beyond it): drops the tables, loads the events a
 * batch per transaction, then finishes a step per transaction, the last of which moves the
 * checkpoint. Until then the checkpoint stays at the start, so readers never take the
 * partly built tables for a position reached, and a restart starts over. Every transaction
 * first checks the checkpoint is still this build's, as the event-by-event runner does.
 *
 * Store failures propagate (the runner retries the whole build); a failure of the
 * projection's own code comes back as `failed`.
 */
export async function runBulkBuild(
  projection: Projection,
  build: BulkBuild,
  context: BulkBuildContext,
): Promise<BulkBuildOutcome> {
  const { eventStore, readStore, signal } = context;
  const { name, version } = projection;
  const target = await eventStore.headPosition();
  await readStore.transaction(async (tx) => {
    await lockCheckpoint(tx, name);
    await projection.drop(tx);
    await build.setupForLoad(tx);
    await saveCheckpoint(tx, name, { version, position: START });
  });

  const ownTransaction = <T>(work: (tx: ReadStoreTransaction) => Promise<T>) =>
    readStore.transaction(async (tx) => {
      const stored = await lockCheckpoint(tx, name);
      if (stored?.version !== version || stored.position !== START) return MOVED;
      return blameProjection(work(tx));
    });

  try {
    let loaded = START;
    while (loaded < target) {
      if (signal.aborted) return { kind: 'stopped' };
      const batch = await eventStore.readAll({ after: loaded, maxCount: context.batchSize });
      const last = batch[batch.length - 1];
      if (last === undefined) break;
      const result = await ownTransaction((tx) => build.load(batch, tx));
      if (result === MOVED) return { kind: 'moved' };
      loaded = last.globalPosition;
      context.onLoaded(loaded, batch.length);
      // SQLite answers synchronously: without this a build would starve HTTP requests.
      await nextTurn();
    }
    for (;;) {
      if (signal.aborted) return { kind: 'stopped' };
      const result = await ownTransaction(async (tx) => {
        const done = await build.finish(tx);
        if (done) await saveCheckpoint(tx, name, { version, position: loaded });
        return done;
      });
      if (result === MOVED) return { kind: 'moved' };
      if (result) return { kind: 'built', position: loaded };
      await nextTurn();
    }
  } catch (error) {
    if (error instanceof ProjectionCodeFailed) return { kind: 'failed', error: error.cause };
    throw error;
  }
}

const MOVED = Symbol('moved');

import { START as FROM_START, type Position } from '@kurrent/kurrentdb-client';
import { START, type GlobalPosition } from '../event-store.port';
import { KurrentDbUnsupportedError } from './kurrentdb.errors';

/**
 * The port's global position is KurrentDB's `$all` commit position (docs/adr/0005).
 *
 * Every event a gRPC append writes is its own self-committed record, so its commit and
 * prepare positions are both its log position: one number identifies it and orders it.
 * Only events of legacy explicit transactions (TCP API) share a commit position and differ
 * in prepare position; those cannot be squeezed into one bigint without breaking "strictly
 * increasing", so they are refused.
 */
export function toGlobalPosition(position: Position): GlobalPosition {
  if (position.commit !== position.prepare) {
    throw new KurrentDbUnsupportedError(
      `$all position ${position.commit}/${position.prepare} belongs to a legacy explicit transaction; ` +
        'this adapter only reads events written by gRPC appends',
    );
  }
  if (position.commit <= START) {
    throw new KurrentDbUnsupportedError(`$all position ${position.commit} is not after the start`);
  }
  return position.commit;
}

/**
 * Where to start reading or subscribing to `$all` so that the event at `after` is the
 * boundary. Reads include the event at the position, subscriptions exclude it; callers
 * drop anything at or before `after` themselves, so both behave as "strictly after".
 */
export function toReadPosition(after: GlobalPosition): Position | typeof FROM_START {
  if (after <= START) return FROM_START;
  return { commit: after, prepare: after };
}

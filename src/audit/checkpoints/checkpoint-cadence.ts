export interface CheckpointCadence {
  /** Sign once the log grew by this many leaves since its latest checkpoint... */
  readonly everyEvents: number;
  /** ...or once it grew at all and this long has passed since its latest checkpoint. */
  readonly everyMs: number;
}

interface LatestSigned {
  readonly size: number;
  readonly signedAtMs: number;
}

/**
 * Whether a log of `size` leaves is due for a new checkpoint. A log that never had one is
 * due as soon as it has a leaf; one that did not grow never is, nor one that is smaller than
 * its latest checkpoint (its projection is being rebuilt).
 */
export function isCheckpointDue(
  size: number,
  latest: LatestSigned | undefined,
  nowMs: number,
  cadence: CheckpointCadence,
): boolean {
  if (size === 0) return false;
  if (latest === undefined) return true;
  if (size <= latest.size) return false;
  return size - latest.size >= cadence.everyEvents || nowMs - latest.signedAtMs >= cadence.everyMs;
}

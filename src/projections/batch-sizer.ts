/**
 * Below this many events a batch is not made smaller to meet the time target: a batch
 * costs a fixed handful of round trips (read the events, begin, lock and read the
 * checkpoint, save it, commit) on top of its events, and when that fixed part alone runs
 * over the target (a loaded process, a slow store) shrinking further would only lower the
 * events applied per second — down to one per batch — while no batch got any faster.
 */
export const MIN_SIZED_BATCH = 500;

/**
 * How many events a projection's next batch may hold, so that a batch takes about
 * `targetMs` from reading its events to its commit (docs/adr/0023). A batch that ran over
 * shrinks the next in proportion, down to `MIN_SIZED_BATCH` (or `max`, if smaller); a full
 * batch that finished early lets the next grow, at most twofold, up to `max`. A batch that
 * was not full (live: all that had arrived) leaves the size alone: its time is mostly the
 * fixed cost of a transaction and says little about a larger one.
 */
export class BatchSizer {
  private limit: number;
  private readonly min: number;

  constructor(
    private readonly max: number,
    private readonly targetMs: number,
  ) {
    this.limit = max;
    this.min = Math.min(max, MIN_SIZED_BATCH);
  }

  /** The most events to read for the next batch. */
  get next(): number {
    return this.limit;
  }

  /** Tells the sizer a batch of `events` (at most `next`) took `ms`. */
  measured(events: number, ms: number): void {
    if (events <= 0) return;
    const fitting = ms > 0 ? Math.floor((events * this.targetMs) / ms) : this.max;
    if (ms > this.targetMs) {
      this.limit = Math.max(this.min, Math.min(this.limit, fitting));
    } else if (events >= this.limit) {
      this.limit = Math.min(this.max, Math.max(this.limit + 1, Math.min(fitting, 2 * this.limit)));
    }
  }
}

import type { GlobalPosition } from '../event-store/event-store.port';

/**
 * When the feed's newest events were recorded, as the feed subscription announced them: the
 * age of a projection's oldest unapplied event, for `/ready` and the lag gauges, without a
 * query. Only for stores whose positions are dense (see projection-lag.ts), where an
 * unbroken run is recognisable: every event after `coveredFrom` is held, up to `capacity`
 * of the newest; a gap (a missed announcement) starts the run over, so a time is never
 * taken from the wrong event.
 */
export class RecentEventTimes {
  private positions: GlobalPosition[] = [];
  private times: number[] = [];
  private coveredFrom: GlobalPosition | undefined;

  constructor(private readonly capacity = 10_000) {}

  /** Starts a run: the next event expected is the one after `position`. */
  startAfter(position: GlobalPosition): void {
    this.coveredFrom = position;
    this.positions = [];
    this.times = [];
  }

  add(position: GlobalPosition, recordedAt: Date): void {
    if (this.coveredFrom === undefined) return;
    const last = this.positions[this.positions.length - 1] ?? this.coveredFrom;
    if (position <= last) return;
    if (position !== last + 1n) this.startAfter(position - 1n);
    this.positions.push(position);
    this.times.push(recordedAt.getTime());
    // Trimmed in halves, so that adding stays cheap on average.
    if (this.positions.length > 2 * this.capacity) {
      const drop = this.positions.length - this.capacity;
      this.coveredFrom = this.positions[drop - 1]!;
      this.positions = this.positions.slice(drop);
      this.times = this.times.slice(drop);
    }
  }

  /** When the first event after `position` was recorded (ms), if it is held. */
  recordedAfter(position: GlobalPosition): number | undefined {
    if (this.coveredFrom === undefined || position < this.coveredFrom) return undefined;
    let low = 0;
    let high = this.positions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.positions[mid]! <= position) low = mid + 1;
      else high = mid;
    }
    return this.times[low];
  }
}

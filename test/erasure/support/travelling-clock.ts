import type { Clock } from '../../../src/shared/time/clock';

/** The erasure module's clock in tests: real time, moved on by whole days to see deadlines pass. */
export class TravellingClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  travel(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** Resolution of the delay sampler: the timer Node re-arms to measure how late it fires. */
const RESOLUTION_MS = 10;

/**
 * Watches how late the event loop runs timers. The route-class limits bound the requests in
 * flight, but not what else runs on the loop (projection batches, checkpoint signing, GC); when
 * the mean lateness over the last window passes the threshold, the loop is saturated and new
 * requests are shed until a window passes below it. Probes are not shed, and with the rest
 * turned away the loop comes back within a window or two.
 */
export class EventLoopGuard {
  private readonly histogram: ELDHistogram;
  private readonly timer: NodeJS.Timeout;
  private saturatedNow = false;
  private lastDelayMs = 0;

  constructor(
    private readonly thresholdMs: number,
    windowMs: number,
  ) {
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), windowMs);
    // The guard must never keep a process alive that has nothing else to do.
    this.timer.unref();
  }

  /** True while the last window's mean delay was over the threshold. */
  get saturated(): boolean {
    return this.saturatedNow;
  }

  /** Mean delay of the last window in ms, beyond the sampler's own resolution. */
  get delayMs(): number {
    return this.lastDelayMs;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private sample(): void {
    // The histogram records whole intervals (resolution included), in nanoseconds; a window
    // in which the sampler never fired has no samples and reads NaN.
    const mean = this.histogram.mean / 1e6;
    this.lastDelayMs = Number.isFinite(mean) ? Math.max(0, mean - RESOLUTION_MS) : 0;
    this.histogram.reset();
    this.saturatedNow = this.lastDelayMs > this.thresholdMs;
  }
}

import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** Resolution of the delay sampler: the timer Node re-arms to measure how late it fires. */
const RESOLUTION_MS = 10;

/**
 * Measures, window by window, how late the event loop is: the lateness a request arriving at a
 * random moment would meet. That is the mean of the sampler's intervals weighted by their own
 * length (E[d²]/E[d], from the histogram's mean and deviation), less the sampler's
 * resolution: a 300 ms stall in a half-second window reads about 190 ms, where the plain mean
 * of its samples (one long, a dozen short) would read 20 ms and hide it. A window whose own
 * end came late counts at least that lateness.
 */
export class EventLoopDelay {
  private readonly histogram: ELDHistogram;
  private timer: NodeJS.Timeout | undefined;
  private lastDelayMs = 0;
  private windowStartedAt = 0;

  constructor(
    private readonly windowMs: number,
    private readonly onWindow: (delayMs: number) => void,
  ) {
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  }

  /** The last window's delay in ms. */
  get delayMs(): number {
    return this.lastDelayMs;
  }

  /** Starts measuring; call once the service is ready, so starting up is not counted. */
  start(): void {
    if (this.timer !== undefined) return;
    this.histogram.reset();
    this.histogram.enable();
    this.windowStartedAt = performance.now();
    this.timer = setInterval(() => this.endWindow(), this.windowMs);
    // Measuring must never keep a process alive that has nothing else to do.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.histogram.disable();
  }

  private endWindow(): void {
    const now = performance.now();
    // This timer is late too when the loop is: the sampler's timer may not have fired since
    // the last window (it runs in the same timer phase, after this one or not at all).
    const ownLatenessMs = Math.max(0, now - this.windowStartedAt - this.windowMs);
    this.windowStartedAt = now;
    const mean = this.histogram.mean / 1e6;
    const deviation = this.histogram.stddev / 1e6;
    this.histogram.reset();
    const sampledMs =
      Number.isFinite(mean) && mean > 0
        ? Math.max(0, (deviation * deviation + mean * mean) / mean - RESOLUTION_MS)
        : 0;
    this.lastDelayMs = Math.max(sampledMs, ownLatenessMs);
    this.onWindow(this.lastDelayMs);
  }
}

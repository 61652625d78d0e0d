/** Why a request was answered 503 without running. */
export type ShedReason = 'queue_full' | 'queue_timeout';

interface ConcurrencyLimits {
  /** Most requests of the class running at once; the limit in force may be lower (`setLimit`). */
  readonly maxInFlight: number;
  /** Requests waiting for a slot; one more is shed at once. 0: no waiting at all. */
  readonly maxQueued: number;
  /** A request that waited this long for a slot is shed instead of run. */
  readonly queueTimeoutMs: number;
}

/** The time source and timers, replaceable in unit tests. */
export interface LimiterClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_CLOCK: LimiterClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

type PermitState = 'admitted' | 'queued' | 'shed' | 'released';

/**
 * One request's claim on a slot. `release()` is the only thing the caller must get right: call
 * it once the request is over, however it ended (answered, failed, aborted while running or
 * while waiting). It may be called any number of times; only the first counts.
 */
export class Permit {
  state: PermitState;
  /** Set when the state is `shed`. */
  reason: ShedReason | undefined;
  /** How long it waited in the queue, in ms; 0 if it never waited. */
  waitedMs = 0;
  /** @internal */ enqueuedAt = 0;
  /** @internal */ timer: unknown;
  /** Told once when a queued permit is admitted or shed; never for one cancelled by `release()`. */
  private onSettled: ((permit: Permit) => void) | undefined;

  /** @internal */
  constructor(
    private readonly limiter: ConcurrencyLimiter,
    state: PermitState,
    reason?: ShedReason,
  ) {
    this.state = state;
    this.reason = reason;
  }

  /** Waits for a queued permit's outcome. Only meaningful while `state` is `queued`. */
  whenSettled(callback: (permit: Permit) => void): void {
    this.onSettled = callback;
  }

  release(): void {
    this.limiter.release(this);
  }

  /** @internal */
  settle(state: 'admitted' | 'shed', reason?: ShedReason): void {
    this.state = state;
    this.reason = reason;
    const callback = this.onSettled;
    this.onSettled = undefined;
    callback?.(this);
  }
}

/**
 * A bound on requests in flight with a bounded first-in, first-out waiting line (the
 * admission half of Envoy's and Netflix's concurrency limiters; `nextLimit` in
 * adaptive-limit.ts moves the limit). A request either gets a slot at once, waits for one at
 * most `queueTimeoutMs`, or is turned away at once when the line is full: under overload the
 * excess costs almost nothing, and nobody waits longer than the deadline for an answer.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private currentLimit: number;
  /** Insertion-ordered, with O(1) removal of a waiter whose client went away. */
  private readonly waiting = new Set<Permit>();

  constructor(
    readonly limits: ConcurrencyLimits,
    private readonly clock: LimiterClock = SYSTEM_CLOCK,
  ) {
    this.currentLimit = limits.maxInFlight;
  }

  /** The limit in force: `maxInFlight` unless lowered. */
  get limit(): number {
    return this.currentLimit;
  }

  /**
   * Changes the limit in force, within 1 and `maxInFlight`. Lowering it stops nothing that
   * runs, it only admits nobody until fewer run; raising it admits waiting requests at once.
   */
  setLimit(limit: number): void {
    this.currentLimit = Math.max(1, Math.min(this.limits.maxInFlight, Math.floor(limit)));
    this.admitWaiting();
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.size;
  }

  /** Asks for a slot: the permit comes back `admitted`, `queued` or `shed` (`queue_full`). */
  acquire(): Permit {
    if (this.running < this.currentLimit && this.waiting.size === 0) {
      this.running += 1;
      return new Permit(this, 'admitted');
    }
    if (this.waiting.size >= this.limits.maxQueued) return new Permit(this, 'shed', 'queue_full');
    const permit = new Permit(this, 'queued');
    permit.enqueuedAt = this.clock.now();
    permit.timer = this.clock.setTimeout(() => this.expire(permit), this.limits.queueTimeoutMs);
    this.waiting.add(permit);
    return permit;
  }

  /** @internal Use `Permit.release()`. */
  release(permit: Permit): void {
    if (permit.state === 'admitted') {
      permit.state = 'released';
      this.running -= 1;
      this.admitWaiting();
    } else if (permit.state === 'queued') {
      // The client left while waiting: it gives up its place and is never run.
      this.leaveQueue(permit);
      permit.state = 'released';
    }
  }

  /** Hands freed slots to the longest-waiting requests that are still within their deadline. */
  private admitWaiting(): void {
    while (this.running < this.currentLimit) {
      const next = this.waiting.values().next();
      if (next.done === true) return;
      const permit = next.value;
      this.leaveQueue(permit);
      // A busy event loop can run the deadline timer late; the deadline still holds.
      if (permit.waitedMs >= this.limits.queueTimeoutMs) {
        permit.settle('shed', 'queue_timeout');
        continue;
      }
      this.running += 1;
      permit.settle('admitted');
    }
  }

  private expire(permit: Permit): void {
    if (permit.state !== 'queued') return;
    this.leaveQueue(permit);
    permit.settle('shed', 'queue_timeout');
  }

  private leaveQueue(permit: Permit): void {
    this.waiting.delete(permit);
    this.clock.clearTimeout(permit.timer);
    permit.waitedMs = this.clock.now() - permit.enqueuedAt;
  }
}

import { ConcurrencyLimiter, type LimiterClock, type Permit } from './concurrency-limiter';

/** A clock the test moves by hand; timers fire when it passes their due time. */
class ManualClock implements LimiterClock {
  private time = 0;
  private readonly timers = new Map<number, { due: number; callback: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time on without firing timers, as a blocked event loop would. */
  skip(ms: number): void {
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].due - b[1].due)) {
      if (timer.due > this.time) continue;
      this.timers.delete(id);
      timer.callback();
    }
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}

function limiter(maxInFlight: number, maxQueued: number, queueTimeoutMs = 100) {
  const clock = new ManualClock();
  return {
    clock,
    limiter: new ConcurrencyLimiter({ maxInFlight, maxQueued, queueTimeoutMs }, clock),
  };
}

/** Records what a queued permit was told. */
function watch(permit: Permit): string[] {
  const outcomes: string[] = [];
  permit.whenSettled((p) => outcomes.push(p.state === 'shed' ? `shed:${p.reason}` : p.state));
  return outcomes;
}

describe('ConcurrencyLimiter', () => {
  it('admits up to the limit, queues up to the queue size, and sheds the rest at once', () => {
    const { limiter: l } = limiter(2, 1);
    const states = [l.acquire(), l.acquire(), l.acquire(), l.acquire()].map((p) => p.state);
    expect(states).toEqual(['admitted', 'admitted', 'queued', 'shed']);
    expect(l.inFlight).toBe(2);
    expect(l.queued).toBe(1);
  });

  it('says why a permit was shed', () => {
    const { limiter: l } = limiter(1, 0);
    l.acquire();
    const shed = l.acquire();
    expect(shed).toMatchObject({ state: 'shed', reason: 'queue_full' });
  });

  it('hands a freed slot to the longest-waiting request first', () => {
    const { limiter: l, clock } = limiter(1, 3);
    const running = l.acquire();
    const first = l.acquire();
    const second = l.acquire();
    const firstOutcomes = watch(first);
    const secondOutcomes = watch(second);

    clock.advance(30);
    running.release();
    expect(firstOutcomes).toEqual(['admitted']);
    expect(first.waitedMs).toBe(30);
    expect(secondOutcomes).toEqual([]);
    expect(l.inFlight).toBe(1);
    expect(l.queued).toBe(1);

    first.release();
    expect(secondOutcomes).toEqual(['admitted']);
  });

  it('does not let a newcomer overtake requests that are waiting', () => {
    const { limiter: l } = limiter(1, 2);
    const running = l.acquire();
    const waiting = l.acquire();
    watch(waiting);
    running.release();
    // The freed slot went to the waiting request; a newcomer waits behind nobody but it.
    expect(waiting.state).toBe('admitted');
    expect(l.acquire().state).toBe('queued');
  });

  it('sheds a request whose queue deadline passes, and frees its place in the queue', () => {
    const { limiter: l, clock } = limiter(1, 1, 100);
    l.acquire();
    const waiting = l.acquire();
    const outcomes = watch(waiting);

    clock.advance(99);
    expect(outcomes).toEqual([]);
    clock.advance(1);
    expect(outcomes).toEqual(['shed:queue_timeout']);
    expect(l.queued).toBe(0);
    expect(l.acquire().state).toBe('queued');
  });

  it('sheds a request found past its deadline when a slot frees, even if its timer is late', () => {
    const { limiter: l, clock } = limiter(1, 2, 100);
    const running = l.acquire();
    const stale = l.acquire();
    const staleOutcomes = watch(stale);
    clock.skip(60);
    const fresh = l.acquire();
    const freshOutcomes = watch(fresh);
    // The loop was blocked: no timer ran, but the first request waited 150 ms.
    clock.skip(90);
    running.release();

    expect(staleOutcomes).toEqual(['shed:queue_timeout']);
    expect(freshOutcomes).toEqual(['admitted']);
    expect(l.inFlight).toBe(1);
  });

  it('lets a waiting request leave without running and without being told', () => {
    const { limiter: l, clock } = limiter(1, 2);
    const running = l.acquire();
    const leaving = l.acquire();
    const outcomes = watch(leaving);

    leaving.release();
    expect(l.queued).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    running.release();
    expect(outcomes).toEqual([]);
    expect(l.inFlight).toBe(0);
  });

  it('counts a release only once, however often it is called', () => {
    const { limiter: l } = limiter(2, 0);
    const permit = l.acquire();
    const other = l.acquire();
    permit.release();
    permit.release();
    expect(l.inFlight).toBe(1);
    other.release();
    expect(l.inFlight).toBe(0);
  });

  it('ignores the release of a shed permit', () => {
    const { limiter: l } = limiter(1, 0);
    const running = l.acquire();
    l.acquire().release();
    expect(l.inFlight).toBe(1);
    running.release();
    expect(l.inFlight).toBe(0);
  });

  it('clears the deadline timer of a request that got a slot', () => {
    const { limiter: l, clock } = limiter(1, 1);
    const running = l.acquire();
    watch(l.acquire());
    running.release();
    expect(clock.pendingTimers).toBe(0);
  });

  it('fills every freed slot when several free at once', () => {
    const { limiter: l } = limiter(3, 3);
    const running = [l.acquire(), l.acquire(), l.acquire()];
    const waiting = [l.acquire(), l.acquire()];
    waiting.forEach(watch);
    for (const permit of running) permit.release();
    expect(waiting.map((p) => p.state)).toEqual(['admitted', 'admitted']);
    expect(l.inFlight).toBe(2);
    expect(l.queued).toBe(0);
  });

  describe('the limit in force', () => {
    it('admits nobody new while more run than a lowered limit, and stops nothing', () => {
      const { limiter: l } = limiter(4, 4);
      const running = [l.acquire(), l.acquire(), l.acquire()];
      l.setLimit(2);
      expect(l.limit).toBe(2);
      expect(l.inFlight).toBe(3);
      expect(l.acquire().state).toBe('queued');
      running[0]!.release();
      expect(l.inFlight).toBe(2);
      expect(l.queued).toBe(1);
    });

    it('admits waiting requests at once when raised', () => {
      const { limiter: l } = limiter(4, 4);
      l.setLimit(1);
      l.acquire();
      const waiting = [l.acquire(), l.acquire()];
      waiting.forEach(watch);
      l.setLimit(3);
      expect(waiting.map((p) => p.state)).toEqual(['admitted', 'admitted']);
      expect(l.inFlight).toBe(3);
    });

    it('stays within 1 and the configured maximum', () => {
      const { limiter: l } = limiter(4, 0);
      l.setLimit(0);
      expect(l.limit).toBe(1);
      l.setLimit(10);
      expect(l.limit).toBe(4);
    });
  });
});

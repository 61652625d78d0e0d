interface Waiter {
  readonly reached: () => boolean;
  readonly settle: (reached: boolean) => void;
}

/**
 * Callers waiting until projections reach a position (read-your-writes). Each waiter has
 * its own condition; `check` re-evaluates them whenever a projection commits.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  wait(reached: () => boolean, timeoutMs: number): Promise<boolean> {
    if (reached()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        reached,
        settle: (result) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(result);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), Math.max(0, timeoutMs));
      this.waiters.add(waiter);
    });
  }

  check(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.reached()) waiter.settle(true);
    }
  }

  /** Answers every pending waiter with its current condition (used at shutdown). */
  settleAll(): void {
    for (const waiter of [...this.waiters]) waiter.settle(waiter.reached());
  }
}

/**
 * Wakes in-process subscribers when this process appends, so live subscriptions see new
 * events without waiting for the next poll. Appends from other processes are still seen
 * by the poll (or, on PostgreSQL, by LISTEN/NOTIFY).
 */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(signal: AbortSignal, maxWaitMs: number): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, maxWaitMs);
      signal.addEventListener('abort', finish, { once: true });
      this.waiters.add(finish);
    });
  }
}

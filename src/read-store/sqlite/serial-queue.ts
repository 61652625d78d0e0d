import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs async tasks one at a time in arrival order. SQLite has one connection per writer,
 * so a transaction whose work awaits must not let another transaction's statements in.
 *
 * Each task starts on a new turn of the event loop: SQLite commits synchronously, and a
 * queue of promise callbacks alone never yields, so under a burst of writes the process
 * accepted no connection and answered no probe until the queue ran dry (stalls of seconds
 * with 64 commands in flight, ADR 0024).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => nextTurn()).then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}

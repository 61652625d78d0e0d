/**
 * Runs work one piece at a time, in the order it was queued. A `pg` client (outside pipeline
 * mode) must not be given a query while another is running: pg 8 queues it with a
 * deprecation warning, pg 9 refuses it. Whatever shares one client goes through one queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    // The next piece waits for this one to settle, not to succeed: the tail never rejects.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}

import type { DatabaseSync } from 'node:sqlite';

type Work<T> = (recordedAt: number) => T;

interface Pending {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: appends that arrive in the same turn of the event loop share one
 * transaction and so one fsync. Each runs in its own savepoint, so one that fails
 * (a revision conflict) is rolled back alone. Nobody is answered before COMMIT returns:
 * an acknowledged append is on disk.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly db: DatabaseSync,
    private readonly afterCommit: () => void,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.idle = new Promise((done) => (this.markIdle = done));
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once every queued append has been committed or refused. */
  drain(): Promise<void> {
    return this.idle;
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes = this.commit(batch);
    outcomes.forEach((outcome, i) => {
      const pending = batch[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.afterCommit();
    if (!this.scheduled) this.markIdle();
  }

  private commit(batch: readonly Pending[]): Outcome[] {
    const recordedAt = Date.now();
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      return batch.map(() => ({ ok: false, error }));
    }
    const outcomes = batch.map((pending) => this.inSavepoint(pending.work, recordedAt));
    try {
      this.db.exec('COMMIT');
      return outcomes;
    } catch (error) {
      this.rollbackQuietly();
      return batch.map(() => ({ ok: false, error }));
    }
  }

  private inSavepoint(work: Work<unknown>, recordedAt: number): Outcome {
    this.db.exec('SAVEPOINT append');
    try {
      const value = work(recordedAt);
      this.db.exec('RELEASE append');
      return { ok: true, value };
    } catch (error) {
      this.db.exec('ROLLBACK TO append');
      this.db.exec('RELEASE append');
      return { ok: false, error };
    }
  }

  private rollbackQuietly(): void {
    try {
      this.db.exec('ROLLBACK');
    } catch {
      // The failed COMMIT may already have ended the transaction.
    }
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

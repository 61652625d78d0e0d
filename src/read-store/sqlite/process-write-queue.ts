import { resolve } from 'node:path';
import { SerialQueue } from './serial-queue';

interface Shared {
  readonly queue: SerialQueue;
  users: number;
}

const queues = new Map<string, Shared>();

/**
 * The write queue of a SQLite file, shared by every store this process opens on it. Two
 * connections of one process must not interleave transactions: the second one's BEGIN
 * would wait for the lock synchronously, blocking the very event loop the first one needs
 * to commit, until busy_timeout fails it.
 */
export function acquireWriteQueue(path: string): { queue: SerialQueue; release(): void } {
  // Each in-memory database is private to its one connection.
  if (path === ':memory:') return { queue: new SerialQueue(), release: () => undefined };
  const key = resolve(path);
  const shared = queues.get(key) ?? { queue: new SerialQueue(), users: 0 };
  shared.users += 1;
  queues.set(key, shared);
  return {
    queue: shared.queue,
    release: () => {
      shared.users -= 1;
      if (shared.users === 0) queues.delete(key);
    },
  };
}

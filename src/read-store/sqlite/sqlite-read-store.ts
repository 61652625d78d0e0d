import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ReadStoreClosedError } from '../read-store.errors';
import type {
  ReadStore,
  ReadStoreTransaction,
  SqlRow,
  SqlValue,
  WriterLease,
} from '../read-store.port';
import { acquireWriteQueue } from './process-write-queue';
import type { SerialQueue } from './serial-queue';
import { SqliteExecutor } from './sqlite-executor';

interface SqliteReadStoreOptions {
  /** Database file (its directory is created when missing), or `:memory:` for tests. */
  readonly path: string;
}

export function openSqliteReadStore(options: SqliteReadStoreOptions): Promise<ReadStore> {
  const inMemory = options.path === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
  const writer = openConnection(options.path);
  // A second connection reads the last committed state while a long catch-up transaction
  // is open on the writer. An in-memory database exists only on its one connection.
  const reader = inMemory ? writer : openConnection(options.path);
  return Promise.resolve(new SqliteReadStore(writer, reader, acquireWriteQueue(options.path)));
}

/**
 * WAL lets the reader connection run beside the writer; synchronous=FULL makes a committed
 * checkpoint durable, so a restart never re-applies what it acknowledged. busy_timeout lets
 * a second process (the rebuild CLI) share the file.
 */
function openConnection(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Only this host writes a SQLite file, and each transaction re-checks its checkpoint. */
const UNCONTESTED_LEASE: WriterLease = { lost: false, release: () => Promise.resolve() };

class SqliteReadStore implements ReadStore {
  readonly dialect = 'sqlite';
  private readonly writes: SerialQueue;
  private readonly writer: SqliteExecutor;
  private readonly reader: SqliteExecutor;
  private closed = false;

  constructor(
    private readonly writerDb: DatabaseSync,
    private readonly readerDb: DatabaseSync,
    private readonly writeQueue: { readonly queue: SerialQueue; release(): void },
  ) {
    this.writes = writeQueue.queue;
    this.writer = new SqliteExecutor(writerDb);
    this.reader = writerDb === readerDb ? this.writer : new SqliteExecutor(readerDb);
  }

  transaction<T>(work: (tx: ReadStoreTransaction) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    return this.writes.run(async () => {
      // IMMEDIATE takes the write lock now, so a second process waits here (busy_timeout)
      // rather than failing at its first write halfway through the work.
      this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.writer);
        this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writerDb.isTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    return this.writes.run(() => this.writer.execute(sql, params));
  }

  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    if (this.reader === this.writer)
      return this.writes.run(() => this.reader.query<Row>(sql, params));
    return this.reader.query<Row>(sql, params);
  }

  tryAcquireWriterLease(): Promise<WriterLease | undefined> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    return Promise.resolve(UNCONTESTED_LEASE);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.drain();
    this.writeQueue.release();
    if (this.readerDb !== this.writerDb) this.readerDb.close();
    this.writerDb.close();
  }
}

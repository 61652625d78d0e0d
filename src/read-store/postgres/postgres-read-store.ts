import type { ClientConfig, Pool, PoolClient } from 'pg';
import { SerialQueue, WatchedPool } from '../../postgres';
import { InvalidReadStoreSettingError, ReadStoreClosedError } from '../read-store.errors';
import type {
  ReadStore,
  ReadStoreTransaction,
  SqlExecutor,
  SqlRow,
  SqlValue,
  WriterLease,
} from '../read-store.port';
import { translateError } from './postgres-connection-errors';
import { PostgresWriterLeases } from './postgres-writer-leases';

export const DEFAULT_READ_SCHEMA = 'consent_ledger_read';

interface PostgresReadStoreOptions {
  readonly connectionString: string;
  /** Schema that holds every read-model table and the checkpoints. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Errors of idle connections, which have no caller to reject. */
  readonly onError?: (error: unknown) => void;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** SQLSTATEs of losing a concurrent `CREATE SCHEMA IF NOT EXISTS` race. */
const ALREADY_EXISTS = new Set(['23505', '42P06']);

export async function openPostgresReadStore(options: PostgresReadStoreOptions): Promise<ReadStore> {
  const schema = options.schema ?? DEFAULT_READ_SCHEMA;
  if (!IDENTIFIER.test(schema)) {
    throw new InvalidReadStoreSettingError(
      'the read-store schema must be a lower-case SQL identifier (a-z, 0-9, _)',
    );
  }
  const onError = options.onError ?? (() => undefined);
  const connection = withSearchPath(options.connectionString, schema);
  const pool = new WatchedPool(
    'read_store',
    { ...connection, max: options.maxConnections ?? 10 },
    onError,
  );
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: unknown) => {
      if (!ALREADY_EXISTS.has(String((error as { code?: unknown }).code))) throw error;
    });
  } catch (error) {
    await pool.end();
    throw translateError(error);
  }
  const leases = new PostgresWriterLeases(connection, schema, onError);
  return new PostgresReadStore(pool, leases);
}

/**
 * Unqualified table names in projections resolve to the read store's own schema. The
 * search path is a startup option of every connection, so no statement can run before it.
 */
function withSearchPath(connectionString: string, schema: string): ClientConfig {
  const searchPath = `-c search_path=${schema}`;
  if (!URL.canParse(connectionString)) return { connectionString, options: searchPath };
  const url = new URL(connectionString);
  const given = url.searchParams.get('options');
  url.searchParams.delete('options');
  const options = given ? `${given} ${searchPath}` : searchPath;
  return { connectionString: url.toString(), options };
}

/**
 * Statements on the pool (each on any free connection), or on one transaction's client. On a
 * client they run one at a time even when the caller does not wait for each: one client
 * takes one query at a time (see `SerialQueue`).
 */
class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres';
  private readonly serial: SerialQueue | undefined;

  constructor(private readonly client: Pool | PoolClient) {
    this.serial = client instanceof WatchedPool ? undefined : new SerialQueue();
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.run(() => this.client.query(sql, params as SqlValue[]));
    return result.rowCount ?? 0;
  }

  async query<Row extends SqlRow = SqlRow>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<Row[]> {
    const result = await this.run(() => this.client.query<Row>(sql, params as SqlValue[]));
    return result.rows;
  }

  /**
   * COMMIT of a transaction in which a statement failed (its error caught and dropped by the
   * caller) answers ROLLBACK instead of an error: that must not pass for success.
   */
  async commit(): Promise<void> {
    const result = await this.run(() => this.client.query('COMMIT'));
    if (result.command !== 'COMMIT') {
      throw new Error('the transaction was rolled back: a statement in it had failed');
    }
  }

  private async run<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await (this.serial ? this.serial.run(statement) : statement());
    } catch (error) {
      throw translateError(error);
    }
  }
}

class PostgresReadStore implements ReadStore {
  readonly dialect = 'postgres';
  private readonly outside: PostgresExecutor;
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly leases: PostgresWriterLeases,
  ) {
    this.outside = new PostgresExecutor(pool);
  }

  transaction<T>(work: (tx: ReadStoreTransaction) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    const run = this.runTransaction(work);
    this.running.add(run);
    void run.finally(() => this.running.delete(run)).catch(() => undefined);
    return run;
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    return this.outside.execute(sql, params);
  }

  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    if (this.closed) return Promise.reject(new ReadStoreClosedError());
    return this.outside.query<Row>(sql, params);
  }

  async tryAcquireWriterLease(name: string): Promise<WriterLease | undefined> {
    if (this.closed) throw new ReadStoreClosedError();
    try {
      return await this.leases.tryAcquire(name);
    } catch (error) {
      throw translateError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.running]);
    await this.leases.close();
    await this.pool.end();
  }

  private async runTransaction<T>(work: (tx: ReadStoreTransaction) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translateError(error);
    }
    let broken: Error | undefined;
    const tx = new PostgresExecutor(client);
    try {
      await tx.execute('BEGIN');
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      // On a connection that died this fails at once, and the client is marked broken.
      await tx.execute('ROLLBACK').catch((e: unknown) => (broken = e as Error));
      throw translateError(error);
    } finally {
      // A broken connection is destroyed instead of going back to the pool.
      client.release(broken);
    }
  }
}

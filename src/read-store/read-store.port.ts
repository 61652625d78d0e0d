/**
 * The store projections write their read models to and queries read them from: SQLite
 * (embedded) or PostgreSQL. One small port so a projection is written once for both.
 *
 * SQL is written once for both dialects with PostgreSQL's `$1, $2, …` placeholders; the
 * SQLite adapter translates them. Stick to the common subset (`TEXT`, `INTEGER`, `BIGINT`,
 * `DOUBLE PRECISION`, `BYTEA`, `CREATE TABLE IF NOT EXISTS`, `INSERT … ON CONFLICT … DO
 * UPDATE SET x = excluded.x`, `RETURNING`) and branch on `dialect` for the rest.
 *
 * Drivers return different JavaScript types for the same column (SQLite returns every
 * integer as a bigint, pg returns BIGINT and COUNT(*) as strings), so read integer columns
 * through `asNumber` / `asBigInt` from `sql-value.ts`. Booleans are stored as 0/1 integers.
 */
export type SqlDialect = 'sqlite' | 'postgres';

/** A bound parameter. Booleans are not accepted: SQLite has no boolean type; pass 0/1. */
export type SqlValue = string | number | bigint | Uint8Array | null;

/** A result row as the driver returns it (see the note on integer types above). */
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/** Statements run inside one open transaction; valid only until the work function returns. */
export type ReadStoreTransaction = SqlExecutor;

/**
 * The right to be the only writer of something (a projection) in a read store shared by
 * several processes. A lease that is `lost` (its connection dropped) guards nothing.
 */
export interface WriterLease {
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface ReadStore extends SqlExecutor {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws
   * (the error is rethrown). Transactions of one store never interleave their statements.
   */
  transaction<T>(work: (tx: ReadStoreTransaction) => Promise<T>): Promise<T>;

  /**
   * Tries to become the single writer for `name`; `undefined` when another process holds
   * it. Stores that only one host writes (SQLite) always grant it.
   */
  tryAcquireWriterLease(name: string): Promise<WriterLease | undefined>;

  /** Waits for running transactions, then releases files and connections. */
  close(): Promise<void>;
}

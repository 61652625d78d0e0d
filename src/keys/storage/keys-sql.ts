import type { SqlExecutor } from '../../read-store/read-store.port';
import type { KeysDialect } from './keys-dialect';

/**
 * The keys database (a SQLite file or a PostgreSQL schema) as the stores over it see it: the
 * read store's `SqlExecutor` (statements in PostgreSQL's `$1` syntax, translated for SQLite),
 * plus what the keys need besides. Failures come as the keys module's errors: a database
 * that cannot serve now (SQLite locked by another process, PostgreSQL unreachable) rejects
 * with `KeyStoreUnavailableError`, which callers answer 503 to; statement errors pass as
 * they are.
 */
export interface KeysSql extends SqlExecutor {
  readonly sql: KeysDialect;
  /**
   * After rows holding secrets were deleted or overwritten: removes the copies the storage
   * keeps beside the rows, or throws `KeyResidueError` when it could not.
   */
  clearResidue(): Promise<void>;
  close(): Promise<void>;
}

/** A store's tables (idempotent `CREATE … IF NOT EXISTS` statements) for either database. */
export type KeysSchema = (dialect: KeysDialect) => string;

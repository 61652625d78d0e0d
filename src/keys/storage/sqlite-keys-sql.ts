import type { DatabaseSync } from 'node:sqlite';
import type { SqlRow, SqlValue } from '../../read-store/read-store.port';
import { asNumber, SqliteExecutor } from '../../read-store';
import { asPromise } from '../as-promise';
import { KeyResidueError } from '../keys.errors';
import { SQLITE_KEYS_DIALECT } from './keys-dialect';
import type { KeysSql } from './keys-sql';
import { translateSqliteError } from './sqlite-keys-database';

/**
 * The keys SQLite file on one connection: the read store's executor (placeholders
 * translated, each statement prepared once), its errors translated for the keys module.
 */
export class SqliteKeysSql implements KeysSql {
  readonly dialect = 'sqlite';
  readonly sql = SQLITE_KEYS_DIALECT;
  private readonly statements: SqliteExecutor;

  constructor(
    private readonly db: DatabaseSync,
    private readonly path: string,
  ) {
    this.statements = new SqliteExecutor(db);
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.statements.execute(sql, params).catch(rethrowTranslated);
  }

  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.statements.query<Row>(sql, params).catch(rethrowTranslated);
  }

  /**
   * Copies the WAL back into the (zeroed) database pages and truncates the WAL to nothing,
   * so the old page images that still held the erased bytes are gone too.
   */
  async clearResidue(): Promise<void> {
    const [result] = await this.query('PRAGMA wal_checkpoint(TRUNCATE)');
    if (asNumber(result?.busy) !== 0) throw new KeyResidueError(this.path);
  }

  close(): Promise<void> {
    return asPromise(() => {
      if (this.db.isOpen) this.db.close();
    });
  }
}

function rethrowTranslated(error: unknown): never {
  throw translateSqliteError(error);
}

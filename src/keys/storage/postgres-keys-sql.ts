import type { Pool } from 'pg';
import type { SqlRow, SqlValue } from '../../read-store/read-store.port';
import type { KeysDialect } from './keys-dialect';
import type { KeysSql } from './keys-sql';
import { postgresCall } from './postgres-key-errors';

/** The key store's PostgreSQL schema on a watched pool: each statement on any free connection. */
export class PostgresKeysSql implements KeysSql {
  readonly dialect = 'postgres';

  constructor(
    private readonly pool: Pool,
    readonly sql: KeysDialect,
  ) {}

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return postgresCall(async () => {
      const result = await this.pool.query(sql, params as SqlValue[]);
      return result.rowCount ?? 0;
    });
  }

  query<Row extends SqlRow = SqlRow>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<Row[]> {
    return postgresCall(async () => {
      const result = await this.pool.query<Row>(sql, params as SqlValue[]);
      return result.rows;
    });
  }

  /** Old tuple versions stay in the heap until VACUUM; ADR 0008 says how erasure handles that. */
  clearResidue(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

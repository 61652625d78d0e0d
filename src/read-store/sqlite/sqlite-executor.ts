import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqlExecutor, SqlRow, SqlValue } from '../read-store.port';
import { toSqlitePlaceholders } from './sqlite-placeholders';

/** Projections use a handful of statements each; this bounds memory if one builds SQL. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * Statements on one connection, each SQL text prepared (and its placeholders translated)
 * once: a rebuild runs the same few statements hundreds of thousands of times.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return settle(() => Number(this.statement(sql).run(...(params as SQLInputValue[])).changes));
  }

  query<Row extends SqlRow = SqlRow>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<Row[]> {
    return settle(() => this.statement(sql).all(...(params as SQLInputValue[])) as Row[]);
  }

  /** Runs statements without parameters, e.g. BEGIN or a schema change. */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  private statement(sql: string): StatementSync {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
    const statement = this.db.prepare(toSqlitePlaceholders(sql));
    statement.setReadBigInts(true);
    this.statements.set(sql, statement);
    return statement;
  }
}

/** node:sqlite throws synchronously; callers of the port expect a rejected promise. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    const failure = error as Error;
    return Promise.reject(failure);
  }
}

import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { SourceValue, StoreSource } from './store-source';

const PLACEHOLDER = /\$\d+/g;

/**
 * A SQLite file opened for reading only. The file must exist: opening a missing path would
 * create an empty database, which is never what a backup or a restore check means.
 */
export function openSqliteSource(path: string, options: { readOnly: boolean }): SqliteSource {
  if (!existsSync(path)) throw new Error(`${path} does not exist`);
  const db = new DatabaseSync(path, { readOnly: options.readOnly });
  db.exec('PRAGMA busy_timeout = 5000');
  return new SqliteSource(db);
}

export class SqliteSource implements StoreSource {
  readonly dialect = 'sqlite';

  constructor(readonly db: DatabaseSync) {}

  query(sql: string, params: readonly SourceValue[] = []): Promise<Record<string, unknown>[]> {
    const statement = this.db.prepare(sql.replace(PLACEHOLDER, '?'));
    statement.setReadBigInts(true);
    return Promise.resolve(statement.all(...params) as Record<string, unknown>[]);
  }

  table(name: string): string {
    return name;
  }

  hasTable(name: string): Promise<boolean> {
    const row = this.db
      .prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(name);
    return Promise.resolve(row !== undefined);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

import type { SqlDialect } from '../../read-store/read-store.port';

/**
 * What the SQL of the keys stores must spell differently per database: table names, column
 * types and the clock. Everything else (placeholders `$1…`, `ON CONFLICT`, `RETURNING`, upsert
 * aliases) is the subset both understand, so each table and statement is written once.
 * The types are those the tables were created with before they shared one definition, so
 * existing files and schemas keep working unchanged.
 */
export interface KeysDialect {
  readonly name: SqlDialect;
  /** A table as statements spell it: qualified by the store's schema on PostgreSQL. */
  table(name: string): string;
  readonly text: string;
  readonly bytes: string;
  readonly integer: string;
  readonly bigint: string;
  readonly timestamp: string;
  /** Type and default of a `created_at` column; statements fill it with `now` anyway. */
  readonly createdAt: string;
  /** The current time as a `timestamp` column holds it. */
  readonly now: string;
  /** What follows a `CREATE TABLE (…)`: SQLite's tables are STRICT (types are enforced). */
  readonly tableOptions: string;
}

export const SQLITE_KEYS_DIALECT: KeysDialect = {
  name: 'sqlite',
  table: (name) => name,
  text: 'TEXT',
  bytes: 'BLOB',
  integer: 'INTEGER',
  bigint: 'INTEGER',
  timestamp: 'TEXT',
  createdAt: 'TEXT NOT NULL',
  // ISO 8601 in UTC with milliseconds: the text `Date#toISOString` writes.
  now: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
  tableOptions: ' STRICT',
};

/** `quotedSchema` is a quoted identifier, safe to splice into SQL. */
export function postgresKeysDialect(quotedSchema: string): KeysDialect {
  return {
    name: 'postgres',
    table: (name) => `${quotedSchema}.${name}`,
    text: 'text',
    bytes: 'bytea',
    integer: 'integer',
    bigint: 'bigint',
    timestamp: 'timestamptz',
    createdAt: 'timestamptz NOT NULL DEFAULT now()',
    now: 'now()',
    tableOptions: '',
  };
}

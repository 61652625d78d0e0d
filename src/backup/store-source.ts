/**
 * Read access to one store's tables, the same on both dialects: a copy being checked, a
 * restored store, or the live store a restore is about to replace. Statements use `$1, $2…`
 * in order of appearance; SQLite sources bind them positionally.
 */
export interface StoreSource {
  readonly dialect: 'sqlite' | 'postgres';
  query(sql: string, params?: readonly SourceValue[]): Promise<Record<string, unknown>[]>;
  /** The table as SQL: schema-qualified on PostgreSQL. */
  table(name: string): string;
  hasTable(name: string): Promise<boolean>;
}

export type SourceValue = string | number | bigint;

import type { ClientBase } from 'pg';
import type { SourceValue, StoreSource } from './store-source';

/** One schema read through a connection the caller owns (often inside a snapshot). */
export class PostgresSource implements StoreSource {
  readonly dialect = 'postgres';

  constructor(
    private readonly client: ClientBase,
    /** A plain lower-case identifier (checked by the store layout). */
    readonly schema: string,
  ) {}

  async query(
    sql: string,
    params: readonly SourceValue[] = [],
  ): Promise<Record<string, unknown>[]> {
    const result = await this.client.query(
      sql,
      params.map((p) => (typeof p === 'bigint' ? p.toString() : p)),
    );
    return result.rows as Record<string, unknown>[];
  }

  table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  async hasTable(name: string): Promise<boolean> {
    const { rows } = await this.client.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      [this.schema, name],
    );
    return rows.length > 0;
  }
}

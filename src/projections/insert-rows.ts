import type { ReadStoreTransaction, SqlValue } from '../read-store/read-store.port';

/**
 * Rows per statement, largest first: a batch goes in as statements of 100 rows, then 10,
 * then 1, so only three SQL texts per table exist (each prepared once and reused) while
 * nearly every row rides in a 100-row statement.
 */
const CHUNK_SIZES = [100, 10, 1] as const;

/**
 * Inserts `rows` (values in `columns` order) with multi-row `INSERT … VALUES (…), (…)`:
 * one statement per hundred rows instead of one per row. `suffix` follows the values,
 * e.g. an `ON CONFLICT` clause. Resolves to the rows the statements returned, if any.
 */
export async function insertRows(
  tx: ReadStoreTransaction,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  suffix = '',
): Promise<Record<string, unknown>[]> {
  const returned: Record<string, unknown>[] = [];
  let offset = 0;
  for (const size of CHUNK_SIZES) {
    const sql = insertSql(table, columns, size, suffix);
    while (rows.length - offset >= size) {
      const params: SqlValue[] = [];
      for (let r = offset; r < offset + size; r++) params.push(...rows[r]!);
      if (suffix.includes('RETURNING')) returned.push(...(await tx.query(sql, params)));
      else await tx.execute(sql, params);
      offset += size;
    }
  }
  return returned;
}

const texts = new Map<string, string>();

function insertSql(
  table: string,
  columns: readonly string[],
  rows: number,
  suffix: string,
): string {
  const key = `${table}\u0000${columns.join(',')}\u0000${rows}\u0000${suffix}`;
  let sql = texts.get(key);
  if (sql === undefined) {
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    );
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`;
    texts.set(key, sql);
  }
  return sql;
}

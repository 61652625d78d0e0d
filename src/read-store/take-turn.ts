import type { ReadStoreTransaction } from './read-store.port';

/**
 * Makes other processes on the same read store wait for this transaction to end before
 * they take a turn under the same `key`: a transaction-level advisory lock on PostgreSQL;
 * on SQLite every transaction holds the write lock already. Replicas starting at once need
 * it around `CREATE TABLE IF NOT EXISTS`, which can collide on PostgreSQL's catalogue
 * (`pg_type_typname_nsp_index`) instead of finding the other's table. Keys are scoped to
 * the schema, so read stores sharing a server do not block each other.
 */
export async function takeTurn(tx: ReadStoreTransaction, key: string): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  await tx.query(
    "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || $1, 0))",
    [key],
  );
}

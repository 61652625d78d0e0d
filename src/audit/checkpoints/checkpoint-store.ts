import type {
  ReadStore,
  ReadStoreTransaction,
  SqlExecutor,
} from '../../read-store/read-store.port';
import { asNumber, asString, takeTurn } from '../../read-store';
import { asBytes } from '../log/sql-hash-store';
import { CREATE_CHECKPOINT_TABLE } from './checkpoint-table';

/** A checkpoint as signed and published: never updated, never deleted, never rebuilt. */
export interface StoredCheckpoint {
  readonly tenant: string;
  readonly size: number;
  readonly rootHash: Buffer;
  /** The signed note, exactly as served. */
  readonly note: string;
  /** ISO 8601; when this service signed it (drives the cadence, not part of the note). */
  readonly signedAt: string;
}

const COLUMNS = 'tenant, size, root, note, signed_at';

export async function ensureCheckpointTable(store: ReadStore): Promise<void> {
  await store.transaction(async (tx) => {
    // Concurrent CREATE TABLE IF NOT EXISTS can collide on PostgreSQL; replicas take turns.
    await takeTurn(tx, 'audit-checkpoints-table');
    await tx.execute(CREATE_CHECKPOINT_TABLE);
  });
}

/**
 * Keeps other signers of the tenant's log out until the transaction ends: a transaction-
 * level advisory lock on PostgreSQL; on SQLite every transaction holds the write lock.
 */
export async function lockCheckpoints(tx: ReadStoreTransaction, tenant: string): Promise<void> {
  await takeTurn(tx, `audit-checkpoints:${tenant}`);
}

export async function latestCheckpoint(
  sql: SqlExecutor,
  tenant: string,
): Promise<StoredCheckpoint | undefined> {
  const rows = await sql.query(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE tenant = $1 ORDER BY size DESC LIMIT 1`,
    [tenant],
  );
  return rows[0] && toCheckpoint(rows[0]);
}

export async function checkpointAt(
  sql: SqlExecutor,
  tenant: string,
  size: number,
): Promise<StoredCheckpoint | undefined> {
  const rows = await sql.query(
    `SELECT ${COLUMNS} FROM audit_checkpoints WHERE tenant = $1 AND size = $2`,
    [tenant, size],
  );
  return rows[0] && toCheckpoint(rows[0]);
}

/** The latest checkpoint of every tenant log that has one. */
export async function latestCheckpoints(sql: SqlExecutor): Promise<Map<string, StoredCheckpoint>> {
  const rows = await sql.query(
    `SELECT ${COLUMNS} FROM audit_checkpoints c
     WHERE size = (SELECT MAX(size) FROM audit_checkpoints l WHERE l.tenant = c.tenant)`,
  );
  return new Map(rows.map((row) => [asString(row.tenant), toCheckpoint(row)]));
}

/** False when a checkpoint of that size was already stored (by this or another signer). */
export async function insertCheckpoint(
  tx: ReadStoreTransaction,
  checkpoint: StoredCheckpoint,
): Promise<boolean> {
  const inserted = await tx.execute(
    `INSERT INTO audit_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant, size) DO NOTHING`,
    [checkpoint.tenant, checkpoint.size, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt],
  );
  return inserted === 1;
}

function toCheckpoint(row: Record<string, unknown>): StoredCheckpoint {
  return {
    tenant: asString(row.tenant),
    size: asNumber(row.size),
    rootHash: asBytes(row.root),
    note: asString(row.note),
    signedAt: asString(row.signed_at),
  };
}

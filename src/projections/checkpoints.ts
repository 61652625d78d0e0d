import { type GlobalPosition } from '../event-store/event-store.port';
import type { ReadStore, ReadStoreTransaction, SqlExecutor } from '../read-store/read-store.port';
import { asBigInt, asNumber, takeTurn } from '../read-store';

/** Where a projection stands: the version that built its tables and the last event applied. */
interface Checkpoint {
  readonly version: number;
  readonly position: GlobalPosition;
}

// Positions are stored as decimal text: KurrentDB positions are unsigned 64-bit and
// would not fit a signed BIGINT. Nothing compares them in SQL.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  position TEXT NOT NULL
)`;

export async function ensureCheckpointTable(store: ReadStore): Promise<void> {
  await store.transaction(async (tx) => {
    // Concurrent CREATE TABLE IF NOT EXISTS can collide on PostgreSQL; replicas take turns.
    await takeTurn(tx, 'checkpoint-table');
    await tx.execute(CREATE_TABLE);
  });
}

export async function readCheckpoint(
  executor: SqlExecutor,
  name: string,
): Promise<Checkpoint | undefined> {
  const rows = await executor.query(
    'SELECT version, position FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return toCheckpoint(rows[0]);
}

/**
 * Reads the checkpoint and keeps other writers of the projection out until the transaction
 * ends: on SQLite the transaction already holds the database's write lock; on PostgreSQL a
 * transaction-level advisory lock, which also covers a checkpoint row not inserted yet.
 */
export async function lockCheckpoint(
  tx: ReadStoreTransaction,
  name: string,
): Promise<Checkpoint | undefined> {
  await takeTurn(tx, `checkpoint:${name}`);
  return readCheckpoint(tx, name);
}

export async function saveCheckpoint(
  tx: ReadStoreTransaction,
  name: string,
  checkpoint: Checkpoint,
): Promise<void> {
  await tx.execute(
    `INSERT INTO projection_checkpoints (name, version, position) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
    [name, checkpoint.version, checkpoint.position.toString()],
  );
}

function toCheckpoint(row: Record<string, unknown> | undefined): Checkpoint | undefined {
  if (row === undefined) return undefined;
  return { version: asNumber(row.version), position: asBigInt(row.position) };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlExecutor } from '../../read-store/read-store.port';
import {
  checkpointAt,
  latestCheckpoint,
  type StoredCheckpoint,
} from '../checkpoints/checkpoint-store';
import { readLogSize } from '../log/log-size';
import {
  ExportCheckpointNotFoundError,
  ExportNotReadyError,
  ExportTreeSizeTooSmallError,
} from './export.errors';

const POLL_MS = 50;

interface CheckpointNeed {
  /** The stored checkpoint of this size; undefined for the latest. */
  readonly treeSize?: number;
  /** The tree must hold at least this many leaves (0: any checkpoint will do). */
  readonly atLeast: number;
  /** How long to wait for the signer to sign a large enough latest checkpoint. */
  readonly waitMs: number;
  /** Told to callers who should retry once the signer has had its turn. */
  readonly retryAfterMs: number;
}

/**
 * The one signed checkpoint a bundle's proofs lead to: the stored one of the requested size,
 * or the latest, waiting (bounded) for one that holds the selection's newest event. Checks
 * that the log still holds every leaf of that tree (it does not while it is being rebuilt).
 */
export async function exportCheckpoint(
  sql: SqlExecutor,
  tenant: string,
  need: CheckpointNeed,
): Promise<StoredCheckpoint> {
  const checkpoint =
    need.treeSize === undefined
      ? await latestHolding(sql, tenant, need)
      : await checkpointAt(sql, tenant, need.treeSize);
  if (checkpoint === undefined) throw new ExportCheckpointNotFoundError(need.treeSize);
  if (checkpoint.size < need.atLeast) {
    if (need.treeSize !== undefined) {
      throw new ExportTreeSizeTooSmallError(need.treeSize, need.atLeast);
    }
    throw new ExportNotReadyError(
      `the latest checkpoint (tree size ${checkpoint.size}) does not hold the subject's newest events yet; retry after the next checkpoint`,
      need.retryAfterMs,
    );
  }
  if ((await readLogSize(sql, tenant)) < checkpoint.size) {
    throw new ExportNotReadyError(
      'the audit log is being rebuilt and does not reach the checkpoint yet; retry shortly',
      need.retryAfterMs,
    );
  }
  return checkpoint;
}

async function latestHolding(
  sql: SqlExecutor,
  tenant: string,
  need: CheckpointNeed,
): Promise<StoredCheckpoint | undefined> {
  const deadline = Date.now() + need.waitMs;
  for (;;) {
    const latest = await latestCheckpoint(sql, tenant);
    if ((latest !== undefined && latest.size >= need.atLeast) || Date.now() >= deadline) {
      return latest;
    }
    await sleep(POLL_MS);
  }
}

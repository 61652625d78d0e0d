import type { ReadStore } from '../../read-store/read-store.port';
import { latestCheckpoint } from '../checkpoints/checkpoint-store';
import type { AuditLogReader } from '../log/audit-log-reader';
import { CheckpointNotFoundError, TreeSizeOutOfRangeError } from './audit-query.errors';

/**
 * The tree size a proof is for: the one asked for (named `field` in the request) if the log
 * reaches it, else the latest checkpoint's size.
 */
export async function treeSizeOrLatest(
  readStore: ReadStore,
  log: AuditLogReader,
  tenantId: string,
  field: string,
  requested: number | undefined,
): Promise<number> {
  const size = requested ?? (await latestCheckpoint(readStore, tenantId))?.size;
  if (size === undefined) {
    throw new CheckpointNotFoundError(
      `The tenant log has no signed checkpoint yet; give ${field}.`,
    );
  }
  const logSize = await log.size();
  if (size > logSize) throw new TreeSizeOutOfRangeError(field, size, logSize);
  return size;
}

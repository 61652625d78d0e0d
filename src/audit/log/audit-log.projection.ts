import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { asNumber } from '../../read-store';
import { leafHashOf } from '../leaf';
import { appendLeaf } from '../merkle/merkle-tree';
import { appendBatchToLogs } from './audit-log-batch';
import { AUDIT_LOG_TABLES, CREATE_AUDIT_LOG_TABLES } from './audit-log.tables';
import { logOfEvent } from './log-of-event';
import { SqlHashStore } from './sql-hash-store';

/**
 * Appends every event of the global feed, in feed order, to its tenant's Merkle tree (RFC
 * 9162): leaf hash, the subtrees it completes, the leaf ↔ event row and the new size, all
 * in the projector's transaction, so the tree and the projection's checkpoint commit
 * together. Deterministic: a rebuild stores byte-identical rows.
 *
 * `apply` takes four round trips per event; the runner calls `applyBatch` instead, which
 * writes the same rows for a whole batch with a handful of statements (`appendBatchToLogs`).
 * `apply` stays the reference the batch path is tested against, and what names the event at
 * fault should a batch fail.
 *
 * Bump `version` only with a new log identity in mind: a different leaf envelope gives
 * different roots, and the checkpoint signer refuses to sign them after the old ones.
 */
export class AuditLogProjection implements Projection {
  readonly name = 'audit_log';
  readonly version = 1;

  async setup(tx: ReadStoreTransaction): Promise<void> {
    for (const statement of CREATE_AUDIT_LOG_TABLES) await tx.execute(statement);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    for (const table of AUDIT_LOG_TABLES) await tx.execute(`DROP TABLE IF EXISTS ${table}`);
  }

  applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    return appendBatchToLogs(events, tx);
  }

  async apply(event: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    const tenant = logOfEvent(event);
    const index = (await growLog(tx, tenant)) - 1;
    await appendLeaf(new SqlHashStore(tx, tenant), index, leafHashOf(event));
    await tx.execute(
      'INSERT INTO audit_log_leaves (tenant, leaf_index, event_id, position) VALUES ($1, $2, $3, $4)',
      [tenant, index, event.id.toLowerCase(), event.globalPosition.toString()],
    );
  }
}

/** Adds one leaf to the log's size and returns the new size: one statement per event. */
async function growLog(tx: ReadStoreTransaction, tenant: string): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO audit_log_trees (tenant, size) VALUES ($1, 1)
     ON CONFLICT (tenant) DO UPDATE SET size = audit_log_trees.size + 1
     RETURNING size`,
    [tenant],
  );
  return asNumber(rows[0]?.size);
}

import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections';
import type { ReadStoreTransaction } from '../../read-store/read-store.port';
import { asNumber } from '../../read-store';
import { appendLeaf } from '../merkle/merkle-tree';
import { appendBatchToLogs } from './audit-log-batch';
import { AUDIT_LOG_TABLES, CREATE_AUDIT_LOG_TABLES } from './audit-log.tables';
import { CREATE_LEAF_FORMAT_PINS, pinUnchainedLogs } from './leaf-format-pins';
import { logOfEvent } from './log-of-event';
import { SqlHashStore } from './sql-hash-store';
import { LEAF_COLUMNS, leafRow, loadChains, saveHeads } from './stream-heads';

/**
 * Appends every event of the global feed, in feed order, to its tenant's Merkle tree (RFC
 * 9162): leaf hash (linked to the previous leaf of its stream), the subtrees it completes,
 * the leaf ↔ event row, the stream's new head and the new size, all
 * in the projector's transaction, so the tree and the projection's checkpoint commit
 * together. Deterministic: a rebuild stores byte-identical rows.
 *
 * `apply` takes four round trips per event; the runner calls `applyBatch` instead, which
 * writes the same rows for a whole batch with a handful of statements (`appendBatchToLogs`).
 * `apply` stays the reference the batch path is tested against, and what names the event at
 * fault should a batch fail.
 *
 * A rebuild must give every leaf a signed checkpoint holds the bytes it had: a different
 * leaf gives different roots, and the checkpoint signer refuses to sign them after the old
 * ones. Version 2 chains each stream's leaves (docs/adr/0041); the leaves version 1 made
 * stay format 1 because `drop` pins each log's size first (`pinUnchainedLogs`), and the
 * pins survive the rebuild. Bump `version` again only with that in mind.
 */
export class AuditLogProjection implements Projection {
  readonly name = 'audit_log';
  readonly version = 2;

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(CREATE_LEAF_FORMAT_PINS);
    for (const statement of CREATE_AUDIT_LOG_TABLES) await tx.execute(statement);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await pinUnchainedLogs(tx);
    for (const table of AUDIT_LOG_TABLES) await tx.execute(`DROP TABLE IF EXISTS ${table}`);
  }

  applyBatch(events: readonly RecordedEvent[], tx: ReadStoreTransaction): Promise<void> {
    return appendBatchToLogs(events, tx);
  }

  async apply(event: RecordedEvent, tx: ReadStoreTransaction): Promise<void> {
    const tenant = logOfEvent(event);
    const index = (await growLog(tx, tenant)) - 1;
    const chains = await loadChains(tx, new Map([[tenant, index]]), [event]);
    const leaf = chains.next(event, tenant, index);
    await appendLeaf(new SqlHashStore(tx, tenant), index, leaf.hash);
    await tx.execute(
      `INSERT INTO audit_log_leaves (${LEAF_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      leafRow(tenant, index, event, leaf.link),
    );
    await saveHeads(tx, chains);
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

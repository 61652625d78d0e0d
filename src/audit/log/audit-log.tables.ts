/**
 * Tables of the `audit_log` projection, one Merkle tree per tenant log:
 * - `audit_log_trees`: the size of each log;
 * - `audit_log_nodes`: every complete subtree hash, leaf hashes at level 0, keyed by
 *   (log, level, index); written once, never updated;
 * - `audit_log_leaves`: which event each leaf is (leaf index ↔ event id ↔ global position).
 * Signed checkpoints are not here: they are not derived from the feed and survive rebuilds.
 */
export const AUDIT_LOG_TABLES = ['audit_log_trees', 'audit_log_nodes', 'audit_log_leaves'] as const;

export const CREATE_AUDIT_LOG_TABLES = [
  `CREATE TABLE audit_log_trees (
    tenant TEXT PRIMARY KEY,
    size BIGINT NOT NULL
  )`,
  `CREATE TABLE audit_log_nodes (
    tenant TEXT NOT NULL,
    level INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hash BYTEA NOT NULL,
    PRIMARY KEY (tenant, level, idx)
  )`,
  `CREATE TABLE audit_log_leaves (
    tenant TEXT NOT NULL,
    leaf_index BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    position TEXT NOT NULL,
    PRIMARY KEY (tenant, leaf_index)
  )`,
  // KurrentDB deduplicates event ids per stream only, so an id is not unique in the feed.
  'CREATE INDEX audit_log_leaves_by_event ON audit_log_leaves (tenant, event_id)',
] as const;

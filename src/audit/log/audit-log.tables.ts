/**
 * Tables of the `audit_log` projection, one Merkle tree per tenant log:
 * - `audit_log_trees`: the size of each log;
 * - `audit_log_nodes`: every complete subtree hash, leaf hashes at level 0, keyed by
 *   (log, level, index); written once, never updated;
 * - `audit_log_leaves`: which event each leaf is (leaf index ↔ event id ↔ global position),
 *   its format and, for format 2, the previous leaf of its stream it links to (index and
 *   hash; both null for the first of a stream);
 * - `audit_log_stream_heads`: the latest leaf of each stream in each log (docs/adr/0041).
 * Signed checkpoints are not here: they are not derived from the feed and survive rebuilds.
 * Nor are the leaf-format pins (`LEAF_FORMAT_PINS`), which a rebuild must find as it was.
 */
export const AUDIT_LOG_TABLES = [
  'audit_log_trees',
  'audit_log_nodes',
  'audit_log_leaves',
  'audit_log_stream_heads',
] as const;

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
    leaf_format INTEGER NOT NULL,
    previous_leaf BIGINT,
    previous_hash BYTEA,
    PRIMARY KEY (tenant, leaf_index)
  )`,
  `CREATE TABLE audit_log_stream_heads (
    tenant TEXT NOT NULL,
    stream_name TEXT NOT NULL,
    leaf_index BIGINT NOT NULL,
    leaf_hash BYTEA NOT NULL,
    PRIMARY KEY (tenant, stream_name)
  )`,
  // KurrentDB deduplicates event ids per stream only, so an id is not unique in the feed.
  'CREATE INDEX audit_log_leaves_by_event ON audit_log_leaves (tenant, event_id)',
] as const;

/**
 * Signed checkpoints live outside the `audit_log` projection's tables, so dropping and
 * rebuilding the projection never forgets what was signed. The primary key (tenant, size)
 * makes a second checkpoint of the same size impossible, whoever tries to store it.
 */
export const CREATE_CHECKPOINT_TABLE = `CREATE TABLE IF NOT EXISTS audit_checkpoints (
  tenant TEXT NOT NULL,
  size BIGINT NOT NULL,
  root BYTEA NOT NULL,
  note TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (tenant, size)
)`;

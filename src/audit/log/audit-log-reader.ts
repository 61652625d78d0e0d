import type { SqlExecutor } from '../../read-store/read-store.port';
import { asNumber } from '../../read-store';
import { consistencyProof, inclusionProof, treeRoot } from '../merkle/merkle-tree';
import type { ChainLink } from '../leaf';
import { linkOf } from './leaf-link-row';
import { readLogSize } from './log-size';
import { SqlHashStore } from './sql-hash-store';

/**
 * Reads one tenant's log for proofs. The log is append-only and a stored subtree never
 * changes, so a size read first and hashes read afterwards always belong together.
 */
export class AuditLogReader {
  private readonly hashes: SqlHashStore;

  constructor(
    private readonly sql: SqlExecutor,
    readonly tenant: string,
  ) {
    this.hashes = new SqlHashStore(sql, tenant);
  }

  size(): Promise<number> {
    return readLogSize(this.sql, this.tenant);
  }

  /** The leaf of the event (the first one, should an id repeat across streams). */
  async leafIndexOf(eventId: string): Promise<number | undefined> {
    const rows = await this.sql.query(
      `SELECT leaf_index FROM audit_log_leaves WHERE tenant = $1 AND event_id = $2
       ORDER BY leaf_index LIMIT 1`,
      [this.tenant, eventId.toLowerCase()],
    );
    return rows[0] === undefined ? undefined : asNumber(rows[0].leaf_index);
  }

  /** What the leaf links to (undefined: format 1, or no such leaf); see docs/adr/0041. */
  async leafLink(index: number): Promise<ChainLink | undefined> {
    const rows = await this.sql.query(
      `SELECT leaf_format, previous_leaf, previous_hash FROM audit_log_leaves
       WHERE tenant = $1 AND leaf_index = $2`,
      [this.tenant, index],
    );
    return rows[0] === undefined ? undefined : linkOf(rows[0]);
  }

  async leafHash(index: number): Promise<Buffer> {
    const [hash] = await this.hashes.readNodes([{ level: 0, index }]);
    return Buffer.from(hash!);
  }

  root(size: number): Promise<Buffer> {
    return treeRoot(this.hashes, size);
  }

  inclusionProof(index: number, size: number): Promise<Buffer[]> {
    return inclusionProof(this.hashes, index, size);
  }

  consistencyProof(size1: number, size2: number): Promise<Buffer[]> {
    return consistencyProof(this.hashes, size1, size2);
  }
}

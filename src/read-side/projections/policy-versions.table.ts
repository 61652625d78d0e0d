import { PolicyHistory } from '../../consent/domain';
import type { PolicyPublished } from '../../consent/domain';
import type { ReadStoreTransaction, SqlExecutor, SqlRow } from '../../read-store/read-store.port';
import { asNumber, asString } from '../../read-store';

/** Tenants whose parsed history is kept; past it the cache starts afresh. */
const MAX_CACHED_TENANTS = 1000;

/**
 * Every published policy version per tenant, in policy-stream order: the rules need the
 * whole history (which version was in force when, which one asked for re-consent).
 */
export class PolicyVersionsTable {
  readonly name: string;
  /**
   * Parsed histories by tenant, each under the key of the newest row it holds. Every check
   * needs the history and policies change rarely: parsing every version's JSON on each
   * read cost a check more than everything else it does.
   */
  private readonly parsed = new Map<string, { key: string; history: PolicyHistory }>();

  constructor(projection: string) {
    this.name = `${projection}_policies`;
  }

  async setup(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`CREATE TABLE ${this.name} (
      tenant_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      version INTEGER NOT NULL,
      effective_from TEXT NOT NULL,
      event TEXT NOT NULL,
      PRIMARY KEY (tenant_id, revision)
    )`);
  }

  async drop(tx: ReadStoreTransaction): Promise<void> {
    await tx.execute(`DROP TABLE IF EXISTS ${this.name}`);
  }

  async insert(
    tx: ReadStoreTransaction,
    tenantId: string,
    revision: number,
    event: PolicyPublished,
  ): Promise<void> {
    await tx.execute(
      `INSERT INTO ${this.name} (tenant_id, revision, version, effective_from, event)
       VALUES ($1, $2, $3, $4, $5)`,
      [tenantId, revision, event.policy.version, event.occurredAt, JSON.stringify(event)],
    );
  }

  /**
   * The tenant's policy history; empty when it never published one. Revisions are
   * appended, never changed (a rebuild writes the same events again), so the newest row
   * identifies the history: while it stays the same, the parsed history is reused and a
   * read costs one index lookup.
   */
  async history(executor: SqlExecutor, tenantId: string): Promise<PolicyHistory> {
    const [newest] = await executor.query(
      `SELECT revision, version, effective_from FROM ${this.name}
       WHERE tenant_id = $1 ORDER BY revision DESC LIMIT 1`,
      [tenantId],
    );
    if (newest === undefined) return PolicyHistory.empty();
    const cached = this.parsed.get(tenantId);
    if (cached?.key === keyOf(newest)) return cached.history;

    const rows = await executor.query(
      `SELECT revision, version, effective_from, event FROM ${this.name}
       WHERE tenant_id = $1 ORDER BY revision`,
      [tenantId],
    );
    const history = PolicyHistory.of(
      rows.map((row) => JSON.parse(asString(row.event)) as PolicyPublished),
    );
    const last = rows[rows.length - 1];
    if (last !== undefined) {
      if (this.parsed.size >= MAX_CACHED_TENANTS) this.parsed.clear();
      // Keyed by the rows actually read, should a version have arrived between the reads.
      this.parsed.set(tenantId, { key: keyOf(last), history });
    }
    return history;
  }
}

function keyOf(row: SqlRow): string {
  return `${asNumber(row.revision)}:${asNumber(row.version)}:${asString(row.effective_from)}`;
}

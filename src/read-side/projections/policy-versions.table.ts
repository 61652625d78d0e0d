import { PolicyHistory } from '../../consent/domain/policy/policy-history';
import type { PolicyPublished } from '../../consent/domain/policy/policy.events';
import type { ReadStoreTransaction, SqlExecutor } from '../../read-store/read-store.port';
import { asString } from '../../read-store/sql-value';

/**
 * Every published policy version per tenant, in policy-stream order: the rules need the
 * whole history (which version was in force when, which one asked for re-consent).
 */
export class PolicyVersionsTable {
  readonly name: string;

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

  /** The tenant's policy history; empty when it never published one. */
  async history(executor: SqlExecutor, tenantId: string): Promise<PolicyHistory> {
    const rows = await executor.query(
      `SELECT event FROM ${this.name} WHERE tenant_id = $1 ORDER BY revision`,
      [tenantId],
    );
    return PolicyHistory.of(rows.map((row) => JSON.parse(asString(row.event)) as PolicyPublished));
  }
}

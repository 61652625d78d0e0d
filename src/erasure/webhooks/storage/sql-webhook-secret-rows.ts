import type { WrappedKey } from '../../../keys/kek/key-encryption-keys.port';
import type { KeysSchema, KeysSql } from '../../../keys';
import type { SqlRow } from '../../../read-store/read-store.port';
import { asBytes, asString } from '../../../read-store';
import type { WebhookSecretRows, WrappedSecretRow } from '../secrets/webhook-secret-rows.port';

export const SECRET_TABLES: KeysSchema = (d) => `
  CREATE TABLE IF NOT EXISTS ${d.table('processor_webhook_secrets')} (
    tenant_id  ${d.text} NOT NULL,
    recipient  ${d.text} NOT NULL,
    secret_id  ${d.text} NOT NULL,
    kek_id     ${d.text} NOT NULL,
    wrapped    ${d.bytes} NOT NULL,
    created_at ${d.createdAt},
    PRIMARY KEY (tenant_id, recipient, secret_id)
  )${d.tableOptions};
`;

/** The wrapped signing secrets, in the keys SQLite file or the key store's PostgreSQL schema. */
export class SqlWebhookSecretRows implements WebhookSecretRows {
  private readonly table: string;

  constructor(private readonly db: KeysSql) {
    this.table = db.sql.table('processor_webhook_secrets');
  }

  async insert(row: WrappedSecretRow): Promise<void> {
    await this.db.execute(
      `INSERT INTO ${this.table} (tenant_id, recipient, secret_id, kek_id, wrapped, created_at)
       VALUES ($1, $2, $3, $4, $5, ${this.db.sql.now})`,
      [row.tenantId, row.recipient, row.secretId, row.kekId, row.wrapped],
    );
  }

  async find(
    tenantId: string,
    recipient: string,
    secretId: string,
  ): Promise<WrappedKey | undefined> {
    const [row] = await this.db.query(
      `SELECT kek_id, wrapped FROM ${this.table}
       WHERE tenant_id = $1 AND recipient = $2 AND secret_id = $3`,
      [tenantId, recipient, secretId],
    );
    return row && { kekId: asString(row.kek_id), wrapped: asBytes(row.wrapped) };
  }

  async remove(tenantId: string, recipient: string, secretId: string): Promise<void> {
    await this.db.execute(
      `DELETE FROM ${this.table} WHERE tenant_id = $1 AND recipient = $2 AND secret_id = $3`,
      [tenantId, recipient, secretId],
    );
  }

  async kekIdsInUse(): Promise<string[]> {
    const rows = await this.db.query(`SELECT DISTINCT kek_id FROM ${this.table} ORDER BY kek_id`);
    return rows.map((row) => asString(row.kek_id));
  }

  async wrappedOutside(kekId: string): Promise<WrappedSecretRow[]> {
    const rows = await this.db.query(
      `SELECT tenant_id, recipient, secret_id, kek_id, wrapped FROM ${this.table}
       WHERE kek_id <> $1 ORDER BY tenant_id, recipient, secret_id`,
      [kekId],
    );
    return rows.map(secretRowOf);
  }

  async replaceWrapped(previous: WrappedSecretRow, next: WrappedKey): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE ${this.table} SET kek_id = $1, wrapped = $2
       WHERE tenant_id = $3 AND recipient = $4 AND secret_id = $5 AND kek_id = $6 AND wrapped = $7`,
      [
        next.kekId,
        next.wrapped,
        previous.tenantId,
        previous.recipient,
        previous.secretId,
        previous.kekId,
        previous.wrapped,
      ],
    );
    return changed === 1;
  }
}

function secretRowOf(row: SqlRow): WrappedSecretRow {
  return {
    tenantId: asString(row.tenant_id),
    recipient: asString(row.recipient),
    secretId: asString(row.secret_id),
    kekId: asString(row.kek_id),
    wrapped: asBytes(row.wrapped),
  };
}

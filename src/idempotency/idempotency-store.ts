import type { ReadStore } from '../read-store/read-store.port';
import { asNumber, takeTurn } from '../read-store';

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
  /** Response headers that belong to the answer (the ETag), replayed with it. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The service's own durable record of idempotency keys and the responses they produced,
 * kept in the read store's database but outside any projection, so a rebuild never
 * touches it. Bodies stored here are command responses, which hold no personal data.
 */
export class IdempotencyStore {
  constructor(private readonly db: ReadStore) {}

  /** Replicas starting together on an empty read store take turns to create the table. */
  async setup(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await takeTurn(tx, 'idempotency-records-table');
      await tx.execute(
        `CREATE TABLE IF NOT EXISTS idempotency_records (
           tenant_id   TEXT   NOT NULL,
           key_digest  TEXT   NOT NULL,
           fingerprint TEXT   NOT NULL,
           status      INTEGER NOT NULL,
           body        TEXT   NOT NULL,
           headers     TEXT   NOT NULL,
           created_at  BIGINT NOT NULL,
           PRIMARY KEY (tenant_id, key_digest)
         )`,
      );
    });
  }

  async find(tenantId: string, keyDigest: string): Promise<StoredResponse | undefined> {
    const rows = await this.db.query<{
      fingerprint: string;
      status: unknown;
      body: string;
      headers: string;
    }>(
      'SELECT fingerprint, status, body, headers FROM idempotency_records WHERE tenant_id = $1 AND key_digest = $2',
      [tenantId, keyDigest],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      status: asNumber(row.status),
      body: JSON.parse(row.body) as unknown,
      headers: JSON.parse(row.headers) as Record<string, string>,
    };
  }

  /**
   * Records the response unless another try of the same key got there first; returns the
   * response that is on record either way, so every try answers the same, and whether it
   * is this try's (`first`): exactly one try of a key is the first answer.
   */
  async save(
    tenantId: string,
    keyDigest: string,
    response: StoredResponse,
    now: number,
  ): Promise<{ readonly recorded: StoredResponse; readonly first: boolean }> {
    const inserted = await this.db.execute(
      `INSERT INTO idempotency_records
         (tenant_id, key_digest, fingerprint, status, body, headers, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, key_digest) DO NOTHING`,
      [
        tenantId,
        keyDigest,
        response.fingerprint,
        response.status,
        JSON.stringify(response.body),
        JSON.stringify(response.headers),
        now,
      ],
    );
    if (inserted > 0) return { recorded: response, first: true };
    return { recorded: (await this.find(tenantId, keyDigest)) ?? response, first: false };
  }

  /** Forgets keys older than `before` (epoch ms); event ids stay deterministic regardless. */
  async purge(before: number): Promise<number> {
    return this.db.execute('DELETE FROM idempotency_records WHERE created_at < $1', [before]);
  }
}

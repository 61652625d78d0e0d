import type { KeyEncryptionKeys } from '../../../keys/kek/key-encryption-keys.port';
import type { WebhookSecretRows } from './webhook-secret-rows.port';

/**
 * Processors' webhook signing secrets, kept like data keys (ADR 0008): wrapped by the KEK in
 * the key store's database, never in the event log, a read model, a log line or an error.
 * The event that activates a secret names only its random `secretId`.
 */
export class WebhookSecrets {
  constructor(
    private readonly rows: WebhookSecretRows,
    private readonly kek: KeyEncryptionKeys,
  ) {}

  async store(
    tenantId: string,
    recipient: string,
    secretId: string,
    secret: Buffer,
  ): Promise<void> {
    const wrapped = await this.kek.wrap(secret);
    await this.rows.insert({ tenantId, recipient, secretId, ...wrapped });
  }

  /** The secret, or undefined when it is gone (superseded, or its KEK retired). */
  async open(tenantId: string, recipient: string, secretId: string): Promise<Buffer | undefined> {
    const wrapped = await this.rows.find(tenantId, recipient, secretId);
    if (!wrapped) return undefined;
    try {
      return await this.kek.unwrap(wrapped);
    } catch {
      // A retired KEK or altered bytes: the secret is unusable; rotating it is the remedy.
      return undefined;
    }
  }

  remove(tenantId: string, recipient: string, secretId: string): Promise<void> {
    return this.rows.remove(tenantId, recipient, secretId);
  }

  /** KEKs the secrets are wrapped under: a KEK in this list must not be retired. */
  kekIdsInUse(): Promise<string[]> {
    return this.rows.kekIdsInUse();
  }

  /** Moves every secret under the current KEK (for `keys rotate`); returns how many. */
  async rewrapAll(): Promise<number> {
    let moved = 0;
    for (const row of await this.rows.wrappedOutside(this.kek.currentId)) {
      const secret = await this.kek.unwrap(row);
      try {
        if (await this.rows.replaceWrapped(row, await this.kek.wrap(secret))) moved += 1;
      } finally {
        secret.fill(0);
      }
    }
    return moved;
  }
}

import type { WrappedKey } from '../../../keys/kek/key-encryption-keys.port';

/** A webhook signing secret as stored: wrapped by the KEK, under a random public id. */
export interface WrappedSecretRow extends WrappedKey {
  readonly tenantId: string;
  readonly recipient: string;
  readonly secretId: string;
}

/** What the secret store needs from the keys database. */
export interface WebhookSecretRows {
  insert(row: WrappedSecretRow): Promise<void>;
  find(tenantId: string, recipient: string, secretId: string): Promise<WrappedKey | undefined>;
  remove(tenantId: string, recipient: string, secretId: string): Promise<void>;
  kekIdsInUse(): Promise<string[]>;
  /** Every row wrapped under any KEK but `kekId`. */
  wrappedOutside(kekId: string): Promise<WrappedSecretRow[]>;
  /** Compare-and-set: replaces the wrapping only if the row still holds `previous`'s. */
  replaceWrapped(previous: WrappedSecretRow, next: WrappedKey): Promise<boolean>;
}

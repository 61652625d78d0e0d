import type { DataKey } from '../data-key';
import type { KeyEncryptionKeys } from '../kek/key-encryption-keys.port';

export interface RewrapProgress {
  /** Keys re-wrapped so far. */
  readonly rewrapped: number;
  /** Keys that were under an older KEK when the run started. */
  readonly total: number;
}

/**
 * Per-subject data keys, stored wrapped, outside the event log and out of reach of any
 * projection rebuild. Destroying a subject's key is the crypto-shredding step of erasure.
 */
export interface SubjectKeyStore {
  /**
   * The subject's key, generated on first call; a retried call returns the same key.
   * Throws `SubjectKeyDestroyedError` once the key has been destroyed.
   */
  create(tenantId: string, subjectId: string): Promise<DataKey>;
  get(tenantId: string, subjectId: string): Promise<DataKey | 'destroyed' | undefined>;
  /**
   * Deletes the wrapped key bytes for good and leaves a tombstone, so `create` is refused
   * afterwards. Idempotent; also tombstones a subject that never had a key.
   */
  destroy(tenantId: string, subjectId: string): Promise<void>;
  /** Re-wraps every live key not under `kek.currentId`; returns how many it re-wrapped. */
  rewrapAll(
    kek: KeyEncryptionKeys,
    onProgress?: (progress: RewrapProgress) => void,
  ): Promise<number>;
  /** Ids of the KEKs that live keys are wrapped under. */
  kekIdsInUse(): Promise<string[]>;
  /** How many live keys each KEK wraps (`consent-ledger keys status`). */
  kekUsage(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

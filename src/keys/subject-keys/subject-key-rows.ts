import type { WrappedKey } from '../kek/key-encryption-keys.port';

/** A live row: the data key id and its wrapped bytes. */
export interface LiveKeyRow extends WrappedKey {
  readonly keyId: string;
}

export interface StaleKeyRow extends WrappedKey {
  readonly tenantId: string;
  readonly subjectId: string;
}

/**
 * What the key store needs from a database: one row per (tenant, subject). Each backend
 * implements these few statements; the envelope logic is written once above them.
 */
export interface SubjectKeyRows {
  /** Inserts a live row unless the subject has any row (live or tombstone). */
  insertIfAbsent(tenantId: string, subjectId: string, row: LiveKeyRow): Promise<void>;
  find(tenantId: string, subjectId: string): Promise<LiveKeyRow | 'destroyed' | undefined>;
  /** Nulls the wrapped bytes and KEK id, stamps `destroyed_at`; inserts a tombstone if absent. */
  markDestroyed(tenantId: string, subjectId: string): Promise<void>;
  countWrappedOutside(kekId: string): Promise<number>;
  /** Up to `limit` live rows wrapped under any KEK but `kekId`, in key order. */
  wrappedOutside(kekId: string, limit: number): Promise<StaleKeyRow[]>;
  /**
   * Compare-and-set: replaces the wrapping only if the row is still live and still holds
   * `previous`, so a concurrent destroy is never undone. Returns whether it replaced.
   */
  replaceWrapped(row: StaleKeyRow, next: WrappedKey): Promise<boolean>;
  kekIdsInUse(): Promise<string[]>;
  /** How many live keys each KEK wraps, by KEK id in id order. */
  countByKek(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

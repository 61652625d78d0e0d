import type { KeyStoreKind, StoreLocation } from '../../config';

export type KeyStoreLocation = StoreLocation<KeyStoreKind>;

export interface KeyStoreOpenOptions {
  /** Errors of idle PostgreSQL connections, which have no caller to reject. */
  readonly onError?: (error: unknown) => void;
}

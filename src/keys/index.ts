/**
 * The public face of src/keys: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export type { DataKey } from './data-key';
export { openField, sealField } from './field-cipher';
export { retireUnused, rotateAndRetire } from './kek-maintenance';
export type { FileKeyEncryptionKeys } from './kek/file-key-encryption-keys';
export { kekIdOfFile } from './kek/kek-id';
export { keyedDigest } from './keyed-digest';
export {
  KeyError,
  KeyResidueError,
  KeyStoreClosedError,
  KeyStoreUnavailableError,
} from './keys.errors';
export { KeysModule } from './keys.module';
export { KEY_ENCRYPTION_KEYS, LOOKUP_SECRET, SUBJECT_KEYS, SUBJECT_LOOKUP } from './keys.tokens';
export { LOOKUP_SECRET_FILE, openKeysForMaintenance } from './open-keys';
export {
  destroySecretFile,
  prepareKeysDir,
  readOrCreateSecretFile,
  readSecretFile,
} from './secret-file';
export type { KeyStoreLocation, KeyStoreOpenOptions } from './storage/key-store-location';
export type { KeysSchema, KeysSql } from './storage/keys-sql';
export { openKeysSql } from './storage/open-keys-sql';
export { DEFAULT_KEYS_SCHEMA } from './storage/postgres-keys-pool';
export { allWrappedKeys } from './wrapped-keys';
export type { WrappedKeyHolder } from './wrapped-keys';

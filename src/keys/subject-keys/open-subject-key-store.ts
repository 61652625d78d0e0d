import type { KeyEncryptionKeys } from '../kek/key-encryption-keys.port';
import type { KeyStoreLocation, KeyStoreOpenOptions } from '../storage/key-store-location';
import { openKeysSql } from '../storage/open-keys-sql';
import { EnvelopeSubjectKeyStore } from './envelope-subject-key-store';
import { SqlSubjectKeyRows, SUBJECT_KEYS_TABLES } from './sql-subject-key-rows';
import type { SubjectKeyStore } from './subject-key-store.port';

/** Opens the subject key store at `location` (a SQLite file or a PostgreSQL schema). */
export async function openSubjectKeyStore(
  location: KeyStoreLocation,
  kek: KeyEncryptionKeys,
  options: KeyStoreOpenOptions = {},
): Promise<SubjectKeyStore> {
  const db = await openKeysSql(location, SUBJECT_KEYS_TABLES, 'key_store', options);
  return new EnvelopeSubjectKeyStore(new SqlSubjectKeyRows(db), kek);
}

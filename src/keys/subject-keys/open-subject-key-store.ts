import type { KeyEncryptionKeys } from '../kek/key-encryption-keys.port';
import type { KeyStoreLocation, KeyStoreOpenOptions } from '../storage/key-store-location';
import { EnvelopeSubjectKeyStore } from './envelope-subject-key-store';
import { openPostgresSubjectKeyRows } from './postgres-subject-key-rows';
import { openSqliteSubjectKeyRows } from './sqlite-subject-key-rows';
import type { SubjectKeyStore } from './subject-key-store.port';

/** Opens the subject key store at `location` (a SQLite file or a PostgreSQL schema). */
export async function openSubjectKeyStore(
  location: KeyStoreLocation,
  kek: KeyEncryptionKeys,
  options: KeyStoreOpenOptions = {},
): Promise<SubjectKeyStore> {
  const rows =
    location.kind === 'postgres'
      ? await openPostgresSubjectKeyRows({ url: location.url, onError: options.onError })
      : openSqliteSubjectKeyRows(location.url);
  return new EnvelopeSubjectKeyStore(rows, kek);
}

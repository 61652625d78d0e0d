import { join } from 'node:path';
import type { AppConfig } from '../config';
import { FileKeyEncryptionKeys } from './kek/file-key-encryption-keys';
import type { KeyEncryptionKeys } from './kek/key-encryption-keys.port';
import { UnknownKekError } from './keys.errors';
import { readOrCreateSecretFile } from './secret-file';
import type { KeyStoreOpenOptions } from './storage/key-store-location';
import { openSubjectKeyStore } from './subject-keys/open-subject-key-store';
import type { SubjectKeyStore } from './subject-keys/subject-key-store.port';
import { openSubjectLookup } from './subject-lookup/open-subject-lookup';
import type { SubjectLookup } from './subject-lookup/subject-lookup.port';

export const LOOKUP_SECRET_FILE = 'lookup-secret.key';

export interface OpenedKeys {
  readonly kek: KeyEncryptionKeys;
  readonly subjectKeys: SubjectKeyStore;
  readonly subjectLookup: SubjectLookup;
  readonly lookupSecret: Buffer;
  close(): Promise<void>;
}

/**
 * Opens the embedded KMS, the key store and the lookup, in an order that refuses to start
 * rather than mint fresh keys beside data that needs the old ones: when the key store uses a
 * KEK the keys directory lacks (an unmounted or wrong KEYS_DIR), nothing new is created.
 */
export async function openKeys(
  settings: AppConfig['keys'],
  options: KeyStoreOpenOptions = {},
): Promise<OpenedKeys> {
  const kek = FileKeyEncryptionKeys.open(settings.dir, { createFirst: false });
  const subjectKeys = await openSubjectKeyStore(settings.store, kek, options);
  try {
    await assertKeksPresent(subjectKeys, kek, settings.dir);
    if (kek.ids().length === 0) await kek.rotate();
    const secretFile = join(settings.dir, LOOKUP_SECRET_FILE);
    const lookupSecret = readOrCreateSecretFile(secretFile, 'lookup secret file');
    const subjectLookup = await openSubjectLookup(
      settings.store,
      lookupSecret,
      secretFile,
      options,
    );
    return {
      kek,
      subjectKeys,
      subjectLookup,
      lookupSecret,
      close: async () => {
        await Promise.all([subjectKeys.close(), subjectLookup.close()]);
      },
    };
  } catch (error) {
    await subjectKeys.close();
    throw error;
  }
}

/**
 * The KEKs and the key store only, for maintenance (`consent-ledger keys …`): creates
 * nothing, and refuses, like the service, a key store that needs a KEK the directory lacks.
 */
export async function openKeysForMaintenance(
  settings: AppConfig['keys'],
  options: KeyStoreOpenOptions = {},
): Promise<{ kek: FileKeyEncryptionKeys; subjectKeys: SubjectKeyStore }> {
  const kek = FileKeyEncryptionKeys.open(settings.dir, { createFirst: false });
  const subjectKeys = await openSubjectKeyStore(settings.store, kek, options);
  try {
    await assertKeksPresent(subjectKeys, kek, settings.dir);
    return { kek, subjectKeys };
  } catch (error) {
    await subjectKeys.close();
    throw error;
  }
}

async function assertKeksPresent(
  store: SubjectKeyStore,
  kek: KeyEncryptionKeys,
  dir: string,
): Promise<void> {
  const missing: string[] = [];
  for (const kekId of await store.kekIdsInUse()) {
    if (!(await kek.has(kekId))) missing.push(kekId);
  }
  const first = missing[0];
  if (first === undefined) return;
  throw new UnknownKekError(
    first,
    `the key store holds data keys wrapped under ${missing.join(', ')}, which ${dir} does not have: mount or restore the keys directory (KEYS_DIR) that belongs to this key store`,
  );
}

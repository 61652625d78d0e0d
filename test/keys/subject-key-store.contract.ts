import { asSealed } from '../../src/shared/domain/sealed-value';
import { DataKey } from '../../src/keys/data-key';
import { openField, sealField } from '../../src/keys/field-cipher';
import { FileKeyEncryptionKeys } from '../../src/keys/kek/file-key-encryption-keys';
import { retireKek, rotateKek } from '../../src/keys/kek-rotation';
import {
  KekInUseError,
  KeyStoreClosedError,
  SubjectKeyDestroyedError,
  UnknownKekError,
} from '../../src/keys/keys.errors';
import { openSubjectKeyStore } from '../../src/keys/subject-keys/open-subject-key-store';
import type {
  RewrapProgress,
  SubjectKeyStore,
} from '../../src/keys/subject-keys/subject-key-store.port';
import { Closer, type KeyStorage, type KeyStorageFactory } from './key-storage-harness';

const TENANT = 'tenant-a';

/** The behaviour every `SubjectKeyStore` backend shares. */
export function describeSubjectKeyStoreContract(name: string, storage: KeyStorageFactory): void {
  describe(`SubjectKeyStore contract: ${name}`, () => {
    const closer = new Closer();
    let where: KeyStorage;
    let kek: FileKeyEncryptionKeys;
    let store: SubjectKeyStore;

    const open = async (keys = FileKeyEncryptionKeys.open(where.keysDir)) =>
      closer.add(await openSubjectKeyStore(where.location, keys));

    beforeEach(async () => {
      where = await storage();
      kek = FileKeyEncryptionKeys.open(where.keysDir);
      store = await open(kek);
    });

    afterEach(async () => {
      await closer.closeAll();
      await where.dispose();
    });

    it('creates a 32-byte key and gets the same key back', async () => {
      const created = await store.create(TENANT, 'sub-1');
      const got = await store.get(TENANT, 'sub-1');
      expect(got).toBeInstanceOf(DataKey);
      expect((got as DataKey).keyId).toBe(created.keyId);
      expect((got as DataKey).bytes.equals(created.bytes)).toBe(true);
    });

    it('knows nothing of a subject it never saw', async () => {
      expect(await store.get(TENANT, 'nobody')).toBeUndefined();
    });

    it('returns the existing key when create is retried, also concurrently', async () => {
      const keys = await Promise.all(
        Array.from({ length: 5 }, () => store.create(TENANT, 'sub-retry')),
      );
      const again = await store.create(TENANT, 'sub-retry');
      for (const key of [...keys, again]) {
        expect(key.keyId).toBe(again.keyId);
        expect(key.bytes.equals(again.bytes)).toBe(true);
      }
    });

    it('keeps one key per tenant and subject', async () => {
      const a = await store.create('tenant-a', 'sub-1');
      const b = await store.create('tenant-b', 'sub-1');
      const c = await store.create('tenant-a', 'sub-2');
      expect(new Set([a.keyId, b.keyId, c.keyId]).size).toBe(3);
    });

    it('keeps keys across a restart: values sealed before open after', async () => {
      const key = await store.create(TENANT, 'sub-durable');
      const context = { tenantId: TENANT, subjectId: 'sub-durable', field: 'email' };
      const sealed = sealField('ada@example.org', key, context);
      await store.close();

      const reopened = await open();
      const got = await reopened.get(TENANT, 'sub-durable');
      expect(openField(sealed, got as DataKey, context)).toBe('ada@example.org');
    });

    describe('destroy', () => {
      it('makes get return "destroyed" and refuses create, for good', async () => {
        await store.create(TENANT, 'sub-erased');
        await store.destroy(TENANT, 'sub-erased');
        expect(await store.get(TENANT, 'sub-erased')).toBe('destroyed');
        await expect(store.create(TENANT, 'sub-erased')).rejects.toThrow(SubjectKeyDestroyedError);
        await store.close();
        expect(await (await open()).get(TENANT, 'sub-erased')).toBe('destroyed');
      });

      it('is idempotent, and tombstones a subject that never had a key', async () => {
        await store.destroy(TENANT, 'sub-never');
        await store.destroy(TENANT, 'sub-never');
        expect(await store.get(TENANT, 'sub-never')).toBe('destroyed');
        await expect(store.create(TENANT, 'sub-never')).rejects.toThrow(SubjectKeyDestroyedError);
      });

      it('touches only that subject', async () => {
        const kept = await store.create(TENANT, 'sub-kept');
        await store.create(TENANT, 'sub-gone');
        await store.destroy(TENANT, 'sub-gone');
        expect(((await store.get(TENANT, 'sub-kept')) as DataKey).bytes.equals(kept.bytes)).toBe(
          true,
        );
      });
    });

    describe('KEK rotation', () => {
      it('re-wraps live keys, reports progress, and lets the old KEK be retired', async () => {
        const oldKek = kek.currentId;
        const keys = await Promise.all(['s1', 's2', 's3'].map((s) => store.create(TENANT, s)));
        await store.create(TENANT, 's-erased');
        await store.destroy(TENANT, 's-erased');
        const sealed = keys.map((key, i) =>
          sealField(`value ${i}`, key, { tenantId: TENANT, subjectId: `s${i + 1}`, field: 'f' }),
        );
        expect(await store.kekIdsInUse()).toEqual([oldKek]);

        const progress: RewrapProgress[] = [];
        const { kekId: newKek, rewrapped } = await rotateKek(kek, store, (p) => progress.push(p));
        expect(rewrapped).toBe(3);
        expect(progress.at(-1)).toEqual({ rewrapped: 3, total: 3 });
        expect(await store.kekIdsInUse()).toEqual([newKek]);

        await retireKek(kek, store, oldKek);
        expect(await kek.has(oldKek)).toBe(false);

        await store.close();
        const reopened = await open();
        for (const [i, token] of sealed.entries()) {
          const key = (await reopened.get(TENANT, `s${i + 1}`)) as DataKey;
          const context = { tenantId: TENANT, subjectId: `s${i + 1}`, field: 'f' };
          expect(openField(asSealed(token), key, context)).toBe(`value ${i}`);
        }
        expect(await reopened.get(TENANT, 's-erased')).toBe('destroyed');
      });

      it('refuses to retire a KEK that still wraps a live key, or the current one', async () => {
        const oldKek = kek.currentId;
        await store.create(TENANT, 'sub-1');
        await kek.rotate();
        await expect(retireKek(kek, store, oldKek)).rejects.toThrow(KekInUseError);
        await expect(retireKek(kek, store, kek.currentId)).rejects.toThrow(KekInUseError);
        expect(await kek.has(oldKek)).toBe(true);
        expect(await store.rewrapAll(kek)).toBe(1);
        expect(await store.rewrapAll(kek)).toBe(0);
        await retireKek(kek, store, oldKek);
      });

      it('stops at a key whose KEK is gone instead of skipping it', async () => {
        await store.create(TENANT, 'sub-1');
        const stranger = FileKeyEncryptionKeys.open(`${where.keysDir}-elsewhere`);
        await expect(store.rewrapAll(stranger)).rejects.toThrow(UnknownKekError);
      });
    });

    it('refuses every call once closed', async () => {
      await store.close();
      await expect(store.get(TENANT, 'sub-1')).rejects.toThrow(KeyStoreClosedError);
      await expect(store.create(TENANT, 'sub-1')).rejects.toThrow(KeyStoreClosedError);
      await store.close();
    });
  });
}

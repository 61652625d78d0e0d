import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from 'node:crypto';
import type { DataKey } from '../../src/keys/data-key';
import { FileKeyEncryptionKeys } from '../../src/keys/kek/file-key-encryption-keys';
import { keyedDigest } from '../../src/keys/keyed-digest';
import { openSubjectKeyStore } from '../../src/keys/subject-keys/open-subject-key-store';
import { openSubjectLookup } from '../../src/keys/subject-lookup/open-subject-lookup';
import { Closer, scratchDir, type KeyStorage } from './key-storage-harness';
import { describeSubjectKeyStoreContract } from './subject-key-store.contract';
import { describeSubjectLookupContract } from './subject-lookup.contract';

function sqliteStorage(): Promise<KeyStorage> {
  const scratch = scratchDir('consent-ledger-keys-sqlite-');
  return Promise.resolve({
    location: { kind: 'sqlite', url: join(scratch.dir, 'keys.sqlite') },
    keysDir: join(scratch.dir, 'keys'),
    dispose: () => Promise.resolve(scratch.remove()),
  });
}

describeSubjectKeyStoreContract('sqlite', sqliteStorage);
describeSubjectLookupContract('sqlite', sqliteStorage);

/** Every byte SQLite keeps for the database: the file and its write-ahead log. */
function databaseBytes(path: string): Buffer {
  const files = [path, `${path}-wal`].filter((file) => existsSync(file));
  return Buffer.concat(files.map((file) => readFileSync(file)));
}

describe('SQLite keys file: what stays on disk', () => {
  const closer = new Closer();
  let storage: KeyStorage;
  let path: string;

  beforeEach(async () => {
    storage = await sqliteStorage();
    path = storage.location.url;
  });

  afterEach(async () => {
    await closer.closeAll();
    await storage.dispose();
  });

  function wrappedBytesOf(tenantId: string, subjectId: string): Buffer {
    const peek = new DatabaseSync(path, { readOnly: true });
    try {
      const row = peek
        .prepare('SELECT wrapped FROM subject_keys WHERE tenant_id = ? AND subject_id = ?')
        .get(tenantId, subjectId) as { wrapped: Uint8Array };
      return Buffer.from(row.wrapped);
    } finally {
      peek.close();
    }
  }

  it('runs in WAL mode', async () => {
    closer.add(
      await openSubjectKeyStore(storage.location, FileKeyEncryptionKeys.open(storage.keysDir)),
    );
    const peek = new DatabaseSync(path, { readOnly: true });
    try {
      expect(peek.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      peek.close();
    }
  });

  it('never stores a data key unwrapped, and keeps no copy of the wrapped key after destroy', async () => {
    const kek = FileKeyEncryptionKeys.open(storage.keysDir);
    const store = closer.add(await openSubjectKeyStore(storage.location, kek));
    // Neighbours on the same page, so the destroyed row shares it with live ones.
    for (let i = 0; i < 20; i++) await store.create('tenant-a', `sub-${i}`);
    const victim = await store.create('tenant-a', 'sub-victim');
    const keyBytes = victim.bytes;
    const wrapped = wrappedBytesOf('tenant-a', 'sub-victim');
    const neighbour = wrappedBytesOf('tenant-a', 'sub-3');

    const before = databaseBytes(path);
    expect(before.includes(wrapped)).toBe(true);
    expect(before.includes(keyBytes)).toBe(false);

    await store.destroy('tenant-a', 'sub-victim');

    const after = databaseBytes(path);
    expect(after.includes(wrapped)).toBe(false);
    expect(after.includes(keyBytes)).toBe(false);
    expect(after.includes(neighbour)).toBe(true);
    expect(await store.get('tenant-a', 'sub-victim')).toBe('destroyed');
    expect(((await store.get('tenant-a', 'sub-3')) as DataKey).keyId).toBeDefined();
  });

  it('never writes the app subject id, and no trace of a forgotten pairing', async () => {
    const secret = randomBytes(32);
    const keys = closer.add(
      await openSubjectKeyStore(storage.location, FileKeyEncryptionKeys.open(storage.keysDir)),
    );
    const lookup = closer.add(await openSubjectLookup(storage.location, secret, 'secret.key'));
    const appIds = Array.from({ length: 20 }, (_, i) => `person-${i}@customer.example`);
    for (const [i, appId] of appIds.entries()) {
      await lookup.remember('tenant-a', appId, `sub-${i}`);
      await keys.create('tenant-a', `sub-${i}`);
    }
    const forgottenDigest = keyedDigest(secret, 'tenant-a', appIds[5]!);
    const keptDigest = keyedDigest(secret, 'tenant-a', appIds[6]!);
    const before = databaseBytes(path);
    expect(before.includes(forgottenDigest)).toBe(true);

    await lookup.forget('tenant-a', 'sub-5');

    const after = databaseBytes(path);
    for (const appId of appIds) {
      expect(after.includes(Buffer.from(appId, 'utf8'))).toBe(false);
      expect(after.includes(Buffer.from(appId, 'utf16le'))).toBe(false);
    }
    expect(after.includes(forgottenDigest)).toBe(false);
    expect(after.includes(keptDigest)).toBe(true);
  });
});

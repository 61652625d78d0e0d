import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { FileKeyEncryptionKeys } from '../../src/keys/kek/file-key-encryption-keys';
import { keyedDigest } from '../../src/keys/keyed-digest';
import { InvalidKeyStoreSettingError, KeyStoreUnavailableError } from '../../src/keys/keys.errors';
import { openSubjectKeyStore } from '../../src/keys/subject-keys/open-subject-key-store';
import { openSubjectLookup } from '../../src/keys/subject-lookup/open-subject-lookup';
import { Closer, scratchDir, type KeyStorage } from './key-storage-harness';
import { describeSubjectKeyStoreContract } from './subject-key-store.contract';
import { describeSubjectLookupContract } from './subject-lookup.contract';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A random schema per test, dropped afterwards, and a keys directory for the KEKs. */
function postgresStorage(): Promise<KeyStorage & { schema: string }> {
  const schema = `keys_${randomBytes(6).toString('hex')}`;
  const scratch = scratchDir('consent-ledger-keys-pg-');
  return Promise.resolve({
    schema,
    location: { kind: 'postgres', url: `${PG_URL}?schema=${schema}` },
    keysDir: join(scratch.dir, 'keys'),
    dispose: async () => {
      scratch.remove();
      await withAdmin((admin) => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  });
}

describeSubjectKeyStoreContract('postgres', postgresStorage);
describeSubjectLookupContract('postgres', postgresStorage);

describe('PostgreSQL key schema: what it stores', () => {
  const closer = new Closer();
  let storage: KeyStorage & { schema: string };

  beforeEach(async () => {
    storage = await postgresStorage();
  });

  afterEach(async () => {
    await closer.closeAll();
    await storage.dispose();
  });

  it('keeps only wrapped keys, and nothing of them once destroyed', async () => {
    const kek = FileKeyEncryptionKeys.open(storage.keysDir);
    const store = closer.add(await openSubjectKeyStore(storage.location, kek));
    const key = await store.create('tenant-a', 'sub-1');
    await store.destroy('tenant-a', 'sub-1');
    const rows = await withAdmin(async (admin) => {
      const result = await admin.query<Record<string, unknown>>(
        `SELECT key_id, kek_id, wrapped, destroyed_at IS NOT NULL AS destroyed
         FROM "${storage.schema}".subject_keys`,
      );
      return result.rows;
    });
    expect(rows).toEqual([{ key_id: key.keyId, kek_id: null, wrapped: null, destroyed: true }]);
  });

  it('stores the keyed digest of the app subject id, never the id', async () => {
    const secret = randomBytes(32);
    const lookup = closer.add(await openSubjectLookup(storage.location, secret, 'secret.key'));
    await lookup.remember('tenant-a', 'person@customer.example', 'sub-1');
    const rows = await withAdmin(async (admin) => {
      const result = await admin.query<{ digest: Buffer; row: string }>(
        `SELECT digest, l::text AS row FROM "${storage.schema}".subject_lookup l`,
      );
      return result.rows;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.digest.equals(keyedDigest(secret, 'tenant-a', 'person@customer.example'))).toBe(
      true,
    );
    expect(rows[0]!.row).not.toContain('person@customer.example');
  });

  it('creates its schema once even when several stores open at the same time', async () => {
    const kek = FileKeyEncryptionKeys.open(storage.keysDir);
    const secret = randomBytes(32);
    const opened = await Promise.all([
      openSubjectKeyStore(storage.location, kek),
      openSubjectKeyStore(storage.location, kek),
      openSubjectLookup(storage.location, secret, 'secret.key'),
      openSubjectLookup(storage.location, secret, 'secret.key'),
    ]);
    opened.forEach((store) => closer.add(store));
    const tables = await withAdmin(async (admin) => {
      const result = await admin.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [storage.schema],
      );
      return result.rows.map((row) => row.table_name);
    });
    expect(tables).toEqual(['lookup_secret', 'subject_keys', 'subject_lookup']);
  });

  it('reports an unreachable server as KeyStoreUnavailableError without the URL', async () => {
    const kek = FileKeyEncryptionKeys.open(storage.keysDir);
    const url = 'postgres://postgres:hunter2@127.0.0.1:1/test';
    const attempt = openSubjectKeyStore({ kind: 'postgres', url }, kek);
    await expect(attempt).rejects.toThrow(KeyStoreUnavailableError);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    const kek = FileKeyEncryptionKeys.open(storage.keysDir);
    const url = `${PG_URL}?schema=Bad-Name`;
    await expect(openSubjectKeyStore({ kind: 'postgres', url }, kek)).rejects.toThrow(
      InvalidKeyStoreSettingError,
    );
  });
});

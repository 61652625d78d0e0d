import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/load-config';
import { WebhookSecrets } from '../../src/erasure/webhooks/secrets/webhook-secrets';
import { openWebhookStorage } from '../../src/erasure/webhooks/storage/open-webhook-storage';
import { FileKeyEncryptionKeys } from '../../src/keys/kek/file-key-encryption-keys';
import type { WrappedKey } from '../../src/keys/kek/key-encryption-keys.port';
import { UnknownKekError } from '../../src/keys/keys.errors';
import type { RegisteredSubject } from '../e2e/consent/harness';
import { ErasureApi } from '../erasure/support/erasure-api';

/**
 * `consent-ledger keys status|rotate|retire` run as a separate process against the data of a
 * running service, with the key store in SQLite (DATA_DIR) and in PostgreSQL: every subject
 * still opens afterwards, the old KEK file is gone, and a copy of the key store taken before
 * the rotation cannot be unwrapped any more (the backup bound of docs/adr/0008).
 */
const ROOT = join(__dirname, '..', '..');
const REGISTER_TS = join(ROOT, 'test', 'support', 'register-ts.js');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KEK_FILE = /^kek-\d{6}-[0-9a-f]{8}\.key$/;

interface BackedUpKey extends WrappedKey {
  readonly subjectId: string;
}

interface Variant {
  readonly name: string;
  readonly env: Record<string, string>;
  /** The key store's live rows, as a backup taken now would hold them. */
  readonly backup: (api: ErasureApi) => Promise<BackedUpKey[]>;
  readonly dispose: () => Promise<void>;
}

function sqliteVariant(): Variant {
  const backupDir = mkdtempSync(join(tmpdir(), 'consent-ledger-keys-backup-'));
  return {
    name: 'SQLite key store in DATA_DIR',
    env: {},
    backup: (api) => {
      // A file-level copy, as a backup tool takes it: the database and its WAL.
      for (const name of ['keys.sqlite', 'keys.sqlite-wal']) {
        const from = join(api.dataDir, name);
        if (existsSync(from)) copyFileSync(from, join(backupDir, name));
      }
      const db = new DatabaseSync(join(backupDir, 'keys.sqlite'));
      try {
        const rows = db
          .prepare('SELECT subject_id, kek_id, wrapped FROM subject_keys WHERE wrapped IS NOT NULL')
          .all() as { subject_id: string; kek_id: string; wrapped: Uint8Array }[];
        return Promise.resolve(
          rows.map((row) => ({
            subjectId: row.subject_id,
            kekId: row.kek_id,
            wrapped: Buffer.from(row.wrapped),
          })),
        );
      } finally {
        db.close();
      }
    },
    dispose: () => {
      rmSync(backupDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresVariant(): Variant {
  const schema = `keys_cli_${randomBytes(5).toString('hex')}`;
  const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL key store',
    env: { KEY_STORE_URL: `${PG_URL}?schema=${schema}` },
    backup: () =>
      withClient(async (client) => {
        const { rows } = await client.query<{
          subject_id: string;
          kek_id: string;
          wrapped: Buffer;
        }>(
          `SELECT subject_id, kek_id, wrapped FROM "${schema}".subject_keys WHERE wrapped IS NOT NULL`,
        );
        return rows.map((row) => ({
          subjectId: row.subject_id,
          kekId: row.kek_id,
          wrapped: row.wrapped,
        }));
      }),
    dispose: async () => {
      await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(
  api: ErasureApi,
  env: Record<string, string>,
  args: string[],
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', REGISTER_TS, CLI, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, DATA_DIR: api.dataDir, LOG_LEVEL: 'warn' },
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function kekFiles(api: ErasureApi): string[] {
  return readdirSync(join(api.dataDir, 'keys'))
    .filter((name) => KEK_FILE.test(name))
    .sort();
}

describe.each([
  ['SQLite', sqliteVariant],
  ['PostgreSQL', postgresVariant],
])('consent-ledger keys, %s key store', (_name, makeVariant) => {
  const variant = makeVariant();
  // A processor webhook gives the KEK a secret to wrap besides the data keys.
  const api = new ErasureApi({
    ...variant.env,
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_DISPATCH: 'false',
  });
  const subjects: RegisteredSubject[] = [];
  const emails: string[] = [];
  let backup: BackedUpKey[];
  let oldKeks: string[];

  beforeAll(async () => {
    await api.start();
    for (let i = 0; i < 3; i++) {
      const email = `rotation-${i}-${randomBytes(4).toString('hex')}@example.org`;
      subjects.push(await api.registerSubject({ email }));
      emails.push(email);
    }
    const webhook = await api.app.inject({
      method: 'PUT',
      url: '/v1/processors/map-provider-row/webhook',
      headers: { ...api.credentials, 'content-type': 'application/json' },
      payload: JSON.stringify({ url: 'https://127.0.0.1:9/erasures' }),
    });
    expect(webhook.statusCode).toBe(200);
    oldKeks = kekFiles(api);
    backup = await variant.backup(api);
  }, 60_000);

  afterAll(async () => {
    await api.dispose();
    await variant.dispose();
  });

  it(`${variant.name}: status names the current KEK and what it wraps`, async () => {
    const result = await cli(api, variant.env, ['keys', 'status']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(oldKeks).toHaveLength(1);
    const current = oldKeks[0]!.replace(/\.key$/, '');
    expect(result.stdout).toContain(`current KEK ${current}\n`);
    expect(result.stdout).toMatch(new RegExp(`${current} +3 live data keys {2}\\(current\\)`));
    expect(result.stdout).toContain('3 live data keys under 1 KEKs, 1 KEKs on disk');
  }, 60_000);

  it(`${variant.name}: the backup opens with the KEKs of today`, async () => {
    const kek = FileKeyEncryptionKeys.open(join(api.dataDir, 'keys'), { createFirst: false });
    expect(backup.map((row) => row.subjectId).sort()).toEqual(
      subjects.map((s) => s.subjectId).sort(),
    );
    for (const row of backup) expect(await kek.unwrap(row)).toHaveLength(32);
  });

  it(`${variant.name}: rotate re-wraps every key, destroys the old KEK, and the backup no longer opens`, async () => {
    const result = await cli(api, variant.env, ['keys', 'rotate']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const newKeks = kekFiles(api);
    expect(newKeks).toHaveLength(1);
    expect(newKeks).not.toContain(oldKeks[0]);
    const [oldId, newId] = [oldKeks[0]!, newKeks[0]!].map((f) => f.replace(/\.key$/, ''));
    expect(result.stdout.trim().split('\n')).toEqual([
      `new current KEK ${newId} (was ${oldId})`,
      `re-wrapped 4 wrapped keys (data keys, webhook secrets) under ${newId}`,
      `retired ${oldId}: its file is destroyed`,
      '1 KEKs retired, 0 older KEKs left',
    ]);

    // The running service reads every subject's personal fields under the new KEK.
    for (const [i, subject] of subjects.entries()) {
      expect((await api.get(subject.path)).json()).toMatchObject({ email: emails[i] });
    }

    const kek = FileKeyEncryptionKeys.open(join(api.dataDir, 'keys'), { createFirst: false });
    for (const row of backup) {
      expect(row.kekId).toBe(oldId);
      await expect(kek.unwrap(row)).rejects.toBeInstanceOf(UnknownKekError);
    }
    const status = await cli(api, variant.env, ['keys', 'status']);
    expect(status.stdout).toContain('3 live data keys under 1 KEKs, 1 KEKs on disk');
    // The processor's signing secret moved too, so its deliveries can still be signed.
    const webhooks = await openWebhookStorage(
      loadConfig({ ...variant.env, DATA_DIR: api.dataDir }).keys.store,
    );
    try {
      expect(await new WebhookSecrets(webhooks.secretRows, kek).kekIdsInUse()).toEqual([newId]);
    } finally {
      await webhooks.close();
    }
  }, 60_000);

  it(`${variant.name}: --keep-old keeps the old KEK until retire destroys it`, async () => {
    const before = kekFiles(api);
    const kept = await cli(api, variant.env, ['keys', 'rotate', '--keep-old']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain(`kept ${before[0]!.replace(/\.key$/, '')} (--keep-old)`);
    expect(kekFiles(api)).toHaveLength(2);

    const retired = await cli(api, variant.env, ['keys', 'retire']);
    expect(retired).toMatchObject({ code: 0 });
    expect(retired.stdout).toContain('1 KEKs retired, 0 still in use');
    expect(kekFiles(api)).not.toContain(before[0]);
    for (const [i, subject] of subjects.entries()) {
      expect((await api.get(subject.path)).json()).toMatchObject({ email: emails[i] });
    }
  }, 60_000);

  it(`${variant.name}: usage errors exit 2`, async () => {
    expect((await cli(api, variant.env, ['keys', 'rotate', '--bogus'])).code).toBe(2);
    expect((await cli(api, variant.env, ['keys', 'shuffle'])).code).toBe(2);
  }, 60_000);
});

import { chmodSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import type { AppConfig } from '../../src/config/app-config';
import { AppConfigModule } from '../../src/config/app-config.module';
import { loadConfig } from '../../src/config/load-config';
import type { DataKey } from '../../src/keys/data-key';
import { openField, sealField } from '../../src/keys/field-cipher';
import type { KeyEncryptionKeys } from '../../src/keys/kek/key-encryption-keys.port';
import { KeyFileRejectedError, UnknownKekError } from '../../src/keys/keys.errors';
import { KeysModule } from '../../src/keys/keys.module';
import {
  KEY_ENCRYPTION_KEYS,
  LOOKUP_SECRET,
  SUBJECT_KEYS,
  SUBJECT_LOOKUP,
} from '../../src/keys/keys.tokens';
import type { SubjectKeyStore } from '../../src/keys/subject-keys/subject-key-store.port';
import type { SubjectLookup } from '../../src/keys/subject-lookup/subject-lookup.port';
import { scratchDir } from './key-storage-harness';

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

async function start(config: AppConfig): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(config), KeysModule],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.init();
}

describe('KeysModule', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let config: AppConfig;
  beforeEach(() => {
    scratch = scratchDir('consent-ledger-keys-module-');
    config = loadConfig({ DATA_DIR: scratch.dir });
  });
  afterEach(() => scratch.remove());

  it('opens the keys from APP_CONFIG, creating an owner-only keys directory on first start', async () => {
    const app = await start(config);
    try {
      const keys = app.get<SubjectKeyStore>(SUBJECT_KEYS);
      const lookup = app.get<SubjectLookup>(SUBJECT_LOOKUP);
      const kek = app.get<KeyEncryptionKeys>(KEY_ENCRYPTION_KEYS);
      const secret = app.get<Buffer>(LOOKUP_SECRET);

      const key = await keys.create('tenant-a', 'sub-1');
      const context = { tenantId: 'tenant-a', subjectId: 'sub-1', field: 'email' };
      expect(openField(sealField('ada@example.org', key, context), key, context)).toBe(
        'ada@example.org',
      );
      await lookup.remember('tenant-a', 'ada', 'sub-1');
      expect(await lookup.find('tenant-a', 'ada')).toBe('sub-1');
      expect(secret).toHaveLength(32);

      const dir = config.keys.dir;
      expect(modeOf(dir)).toBe(0o700);
      expect(readdirSync(dir).sort()).toEqual([`${kek.currentId}.key`, 'lookup-secret.key']);
      for (const file of readdirSync(dir)) expect(modeOf(join(dir, file))).toBe(0o600);
      expect(statSync(config.keys.store.url).isFile()).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('keeps the same keys and lookup across restarts', async () => {
    const first = await start(config);
    const created = await first.get<SubjectKeyStore>(SUBJECT_KEYS).create('tenant-a', 'sub-1');
    await first.get<SubjectLookup>(SUBJECT_LOOKUP).remember('tenant-a', 'ada', 'sub-1');
    await first.close();

    const second = await start(config);
    try {
      const got = await second.get<SubjectKeyStore>(SUBJECT_KEYS).get('tenant-a', 'sub-1');
      expect((got as DataKey).bytes.equals(created.bytes)).toBe(true);
      expect(await second.get<SubjectLookup>(SUBJECT_LOOKUP).find('tenant-a', 'ada')).toBe('sub-1');
    } finally {
      await second.close();
    }
  });

  it('refuses to start, and creates no new KEK, when the keys directory was lost', async () => {
    const first = await start(config);
    await first.get<SubjectKeyStore>(SUBJECT_KEYS).create('tenant-a', 'sub-1');
    await first.close();
    rmSync(config.keys.dir, { recursive: true });

    await expect(start(config)).rejects.toThrow(UnknownKekError);
    await expect(start(config)).rejects.toThrow(/mount or restore the keys directory/);
    expect(readdirSync(config.keys.dir)).toEqual([]);
  });

  it('refuses to start with a KEK file that others may read', async () => {
    const first = await start(config);
    const kekId = first.get<KeyEncryptionKeys>(KEY_ENCRYPTION_KEYS).currentId;
    await first.close();
    const path = join(config.keys.dir, `${kekId}.key`);
    chmodSync(path, 0o644);

    await expect(start(config)).rejects.toThrow(
      `KEK file ${path} is accessible by group or others (mode 0644); make it owner-only with: chmod 600 ${path}`,
    );
  });

  it('refuses to start with a lookup secret the lookup was not built with', async () => {
    const first = await start(config);
    await first.close();
    rmSync(join(config.keys.dir, 'lookup-secret.key'));

    await expect(start(config)).rejects.toThrow(KeyFileRejectedError);
  });
});

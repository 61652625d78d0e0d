import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KekInUseError,
  KeyFileRejectedError,
  KeyUnwrapError,
  UnknownKekError,
} from '../keys.errors';
import { FileKeyEncryptionKeys } from './file-key-encryption-keys';

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('FileKeyEncryptionKeys (the embedded KMS)', () => {
  let scratch: string;
  let dir: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'consent-ledger-kek-'));
    dir = join(scratch, 'keys');
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  describe('on first start', () => {
    it('creates the directory 0700 and one 32-byte KEK file 0600', () => {
      const keks = FileKeyEncryptionKeys.open(dir);
      expect(modeOf(dir)).toBe(0o700);
      const files = readdirSync(dir);
      expect(files).toEqual([`${keks.currentId}.key`]);
      expect(keks.currentId).toMatch(/^kek-000001-[0-9a-f]{8}$/);
      expect(modeOf(join(dir, files[0]!))).toBe(0o600);
      expect(statSync(join(dir, files[0]!)).size).toBe(32);
    });

    it('creates nothing when asked not to', () => {
      const keks = FileKeyEncryptionKeys.open(dir, { createFirst: false });
      expect(keks.ids()).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
      expect(() => keks.currentId).toThrow(UnknownKekError);
    });
  });

  it('refuses to start when a KEK file is readable by group or others', () => {
    const keks = FileKeyEncryptionKeys.open(dir);
    const path = join(dir, `${keks.currentId}.key`);
    chmodSync(path, 0o644);
    expect(() => FileKeyEncryptionKeys.open(dir)).toThrow(
      new KeyFileRejectedError(
        path,
        `KEK file ${path} is accessible by group or others (mode 0644); make it owner-only with: chmod 600 ${path}`,
      ),
    );
  });

  it('wraps a data key into 40 bytes and unwraps it, also after a restart', async () => {
    const dataKey = randomBytes(32);
    const wrapped = await FileKeyEncryptionKeys.open(dir).wrap(dataKey);
    expect(wrapped.wrapped).toHaveLength(40);
    expect(wrapped.wrapped.includes(dataKey)).toBe(false);
    const restarted = FileKeyEncryptionKeys.open(dir);
    expect((await restarted.unwrap(wrapped)).equals(dataKey)).toBe(true);
  });

  it('refuses altered wrapped bytes and KEKs it does not have', async () => {
    const keks = FileKeyEncryptionKeys.open(dir);
    const wrapped = await keks.wrap(randomBytes(32));
    const altered = Buffer.from(wrapped.wrapped);
    altered[5]! ^= 1;
    await expect(keks.unwrap({ ...wrapped, wrapped: altered })).rejects.toThrow(KeyUnwrapError);
    await expect(keks.unwrap({ ...wrapped, kekId: 'kek-000009-00000000' })).rejects.toThrow(
      UnknownKekError,
    );
  });

  it('rotates: the new KEK wraps, the old one still unwraps until it is retired', async () => {
    const keks = FileKeyEncryptionKeys.open(dir);
    const oldId = keks.currentId;
    const dataKey = randomBytes(32);
    const underOld = await keks.wrap(dataKey);

    const newId = await keks.rotate();
    expect(newId).toMatch(/^kek-000002-/);
    expect(keks.currentId).toBe(newId);
    expect((await keks.wrap(dataKey)).kekId).toBe(newId);
    expect((await keks.unwrap(underOld)).equals(dataKey)).toBe(true);
    expect(modeOf(join(dir, `${newId}.key`))).toBe(0o600);

    await expect(keks.retire(newId)).rejects.toThrow(KekInUseError);
    await keks.retire(oldId);
    expect(readdirSync(dir)).toEqual([`${newId}.key`]);
    expect(await keks.has(oldId)).toBe(false);
    await expect(keks.unwrap(underOld)).rejects.toThrow(UnknownKekError);
    await expect(keks.retire(oldId)).rejects.toThrow(UnknownKekError);
  });

  it('follows a rotation and a retirement made by another process on the same directory', async () => {
    const service = FileKeyEncryptionKeys.open(dir);
    const cli = FileKeyEncryptionKeys.open(dir);
    const oldId = service.currentId;
    const newId = await cli.rotate();
    expect(await service.has(newId)).toBe(true);
    expect(service.currentId).toBe(newId);
    await cli.retire(oldId);
    expect(await service.has(oldId)).toBe(false);
    expect(service.ids()).toEqual([newId]);
  });
});

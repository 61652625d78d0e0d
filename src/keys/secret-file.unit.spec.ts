import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyFileRejectedError } from './keys.errors';
import {
  createSecretFile,
  destroySecretFile,
  prepareKeysDir,
  readOrCreateSecretFile,
  readSecretFile,
} from './secret-file';

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('secret files', () => {
  let scratch: string;
  let dir: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'consent-ledger-secret-file-'));
    dir = join(scratch, 'keys');
    prepareKeysDir(dir);
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates the keys directory owner-only', () => {
    expect(modeOf(dir)).toBe(0o700);
  });

  it('creates a 32-byte owner-only file and reads back the same bytes', () => {
    const path = join(dir, 'a.key');
    const secret = createSecretFile(path);
    expect(modeOf(path)).toBe(0o600);
    expect(statSync(path).size).toBe(32);
    expect(readSecretFile(path, 'test file').equals(secret)).toBe(true);
    expect(readdirSync(dir)).toEqual(['a.key']);
  });

  it('never replaces an existing file', () => {
    const path = join(dir, 'a.key');
    const first = createSecretFile(path);
    expect(() => createSecretFile(path)).toThrow(/EEXIST/);
    expect(readSecretFile(path, 'test file').equals(first)).toBe(true);
    expect(readdirSync(dir)).toEqual(['a.key']);
  });

  it('creates on first use and reads afterwards', () => {
    const path = join(dir, 'lookup.key');
    const first = readOrCreateSecretFile(path, 'lookup secret file');
    expect(readOrCreateSecretFile(path, 'lookup secret file').equals(first)).toBe(true);
  });

  it.each([0o644, 0o640, 0o604, 0o660])(
    'refuses a file with mode %o, in one line naming the file and the fix',
    (mode) => {
      const path = join(dir, 'kek-000001-00000000.key');
      createSecretFile(path);
      chmodSync(path, mode);
      let error: unknown;
      try {
        readSecretFile(path, 'KEK file');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(KeyFileRejectedError);
      const message = (error as Error).message;
      expect(message).toBe(
        `KEK file ${path} is accessible by group or others (mode 0${mode.toString(8)}); make it owner-only with: chmod 600 ${path}`,
      );
      expect(message).not.toContain('\n');
    },
  );

  it('refuses a file that is not 32 bytes', () => {
    const path = join(dir, 'short.key');
    writeFileSync(path, Buffer.alloc(31), { mode: 0o600 });
    expect(() => readSecretFile(path, 'KEK file')).toThrow(
      new KeyFileRejectedError(
        path,
        `KEK file ${path} is 31 bytes, not 32: restore it from a backup of the keys directory`,
      ),
    );
  });

  it('destroys a file: gone from the directory', () => {
    const path = join(dir, 'old.key');
    createSecretFile(path);
    destroySecretFile(path);
    expect(readdirSync(dir)).toEqual([]);
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { prepareDataDir } from './prepare-data-dir';

describe('prepareDataDir', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'consent-ledger-data-dir-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates a missing DATA_DIR, parents included', () => {
    const dataDir = join(scratch, 'a', 'b');
    prepareDataDir(loadConfig({ DATA_DIR: dataDir }));
    expect(existsSync(dataDir)).toBe(true);
  });

  it('rejects a DATA_DIR it cannot create with one line naming the variable', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const dataDir = join(file, 'data');
    expect(() => prepareDataDir(loadConfig({ DATA_DIR: dataDir }))).toThrow(
      new ConfigError(
        `DATA_DIR must be a directory the service can create and write, got "${dataDir}" (ENOTDIR)`,
      ),
    );
  });
});

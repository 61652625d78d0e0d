import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BackupIntegrityError, BackupUsageError } from './backup.errors';
import {
  type BackupManifest,
  MANIFEST_FILE,
  type ManifestFile,
  parseManifest,
} from './backup-manifest';
import { digestFile } from './private-files';

export interface OpenedBackup {
  readonly manifest: BackupManifest;
  readonly dir: string;
  readonly secretsDir: string;
  pathOf(file: Pick<ManifestFile, 'area' | 'name'>): string;
}

/**
 * Reads the manifest and checks every file it lists, size and SHA-256, before anything is
 * touched: a corrupt, truncated or edited file refuses the whole backup. (The hashes catch
 * damage; a forged history is caught by the signed checkpoints the restore checks later.)
 */
export async function openBackup(
  dirOption: string,
  secretsDirOption?: string,
): Promise<OpenedBackup> {
  const dir = resolve(dirOption);
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new BackupUsageError(
      `${dir} holds no ${MANIFEST_FILE}: it is not a (complete) consent-ledger backup`,
    );
  }
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
  const secretsDir = resolve(secretsDirOption ?? join(dir, 'secrets'));
  const pathOf = (file: Pick<ManifestFile, 'area' | 'name'>) =>
    join(file.area === 'stores' ? join(dir, 'stores') : secretsDir, file.name);
  const problems: string[] = [];
  for (const file of manifest.files) {
    const path = pathOf(file);
    if (!existsSync(path)) {
      problems.push(
        file.area === 'secrets' && secretsDirOption === undefined
          ? `${path} is missing (if the backup was taken with --secrets-dir, pass the same --secrets-dir)`
          : `${path} is missing`,
      );
      continue;
    }
    const digest = await digestFile(path);
    if (digest.bytes !== file.bytes || digest.sha256 !== file.sha256) {
      problems.push(
        `${path} does not match the manifest (${digest.bytes} bytes, sha-256 ${digest.sha256}; the manifest says ${file.bytes} bytes, sha-256 ${file.sha256})`,
      );
    }
  }
  if (problems.length > 0) {
    throw new BackupIntegrityError(
      `the backup is damaged or was changed:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return { manifest, dir, secretsDir, pathOf };
}

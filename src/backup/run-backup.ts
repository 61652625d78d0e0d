import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config';
import { BackupError } from './backup.errors';
import {
  type BackupManifest,
  formatManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type ManifestFile,
  type ManifestStep,
} from './backup-manifest';
import { type CopiedFacts, noFacts } from './copied-facts';
import { checkOwnCheckpoints } from './own-checkpoints';
import { copyPostgresStep } from './postgres-copy';
import { createPrivateDir, type FileDigest, writePrivateFile } from './private-files';
import { readKekFiles, readServiceSecrets, type SecretCopy } from './secret-files';
import { copySqliteStep } from './sqlite-copy';
import { type StoreRole, type StoreStep, storeSteps } from './store-layout';
import { toolVersion } from './tool-version';

interface BackupOptions {
  /** The new backup directory (created 0700; an existing one must be empty). */
  readonly dir: string;
  /** Where the KEKs, lookup secret and signing key go; default `<dir>/secrets`. */
  readonly secretsDir?: string;
  /** Directory of `pg_dump`, when the server's version is not found by itself. */
  readonly pgBin?: string;
  readonly now?: () => Date;
}

interface BackupReport {
  readonly manifest: BackupManifest;
  readonly dir: string;
  readonly secretsDir: string;
}

const SHORT_NAME: Readonly<Record<StoreRole, string>> = {
  'read-store': 'read',
  'event-store': 'events',
  'key-store': 'keys',
};

/**
 * Backs up every store of `config`, online, in the order of `BACKUP_ORDER`, with the secrets
 * that open them, and writes the manifest last: a directory without `manifest.json` is not a
 * backup. On failure whatever was written is removed again.
 */
export async function runBackup(config: AppConfig, options: BackupOptions): Promise<BackupReport> {
  const now = options.now ?? (() => new Date());
  const steps = storeSteps(config);
  const dir = resolve(options.dir);
  const secretsDir = resolve(options.secretsDir ?? join(dir, 'secrets'));
  createPrivateDir(dir, 'the backup directory');
  try {
    if (secretsDir !== join(dir, 'secrets')) createPrivateDir(secretsDir, 'the secrets directory');
    else mkdirSync(secretsDir, { mode: 0o700 });
    const storesDir = join(dir, 'stores');
    mkdirSync(storesDir, { mode: 0o700 });
    const startedAt = now().toISOString();
    const facts = noFacts();
    const files: ManifestFile[] = [];
    const manifestSteps: ManifestStep[] = [];
    let keks: Map<string, SecretCopy> | undefined;

    for (const step of steps) {
      const holdsKeys = step.roles.includes('key-store');
      // KEK files are read on both sides of the key store's copy: a rotation running
      // meanwhile adds a KEK before re-wrapping and retires the old one after.
      const keksBefore = holdsKeys ? readKekFiles(config.keys.dir) : undefined;
      const file = `${step.roles.map((role) => SHORT_NAME[role]).join('-')}.${step.kind === 'sqlite' ? 'sqlite' : 'dump'}`;
      const takenAt = now().toISOString();
      const copied = await copyStep(step, join(storesDir, file), facts, options.pgBin);
      files.push(
        fileEntry(
          'stores',
          file,
          step.kind === 'sqlite' ? 'sqlite' : 'postgres-dump',
          copied.digest,
        ),
      );
      manifestSteps.push({ ...copied.step, file, takenAt });
      if (keksBefore !== undefined) keks = union(keksBefore, readKekFiles(config.keys.dir));
    }
    const eventLog = facts.eventLog!;
    const copiedKeks = keks ?? new Map<string, SecretCopy>();
    checkKeksCopied(facts, copiedKeks, config.keys.dir);
    checkOwnCheckpoints(facts.checkpoints, eventLog, 'the copied');

    const secrets = [...copiedKeks.values(), ...readServiceSecrets(config)];
    for (const secret of secrets) {
      files.push(
        fileEntry(
          'secrets',
          secret.name,
          secret.kind,
          writePrivateFile(join(secretsDir, secret.name), secret.bytes),
        ),
      );
    }
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      tool: { name: 'consent-ledger', version: toolVersion(), node: process.version },
      startedAt,
      finishedAt: now().toISOString(),
      steps: manifestSteps,
      files,
      eventStore: { head: eventLog.head.toString(), events: eventLog.events },
      logs: [...eventLog.logs].map(([log, roots]) => ({
        log,
        size: roots.size,
        root: roots.root.toString('base64'),
      })),
      checkpoints: facts.checkpoints.map((checkpoint) => ({
        log: checkpoint.log,
        size: checkpoint.size,
        root: checkpoint.root.toString('base64'),
        note: checkpoint.note,
        signedAt: checkpoint.signedAt,
      })),
      projections: facts.projections,
      keks: {
        copied: [...copiedKeks.keys()].map((name) => name.replace(/\.key$/, '')),
        inUse: facts.kekIdsInUse,
      },
    };
    writePrivateFile(join(dir, MANIFEST_FILE), formatManifest(manifest));
    return { manifest, dir, secretsDir };
  } catch (error) {
    removeContents(dir);
    if (secretsDir !== join(dir, 'secrets')) removeContents(secretsDir);
    throw error;
  }
}

async function copyStep(
  step: StoreStep,
  destination: string,
  facts: CopiedFacts,
  pgBin: string | undefined,
): Promise<{ digest: FileDigest; step: Omit<ManifestStep, 'file' | 'takenAt'> }> {
  if (step.kind === 'sqlite') {
    return {
      digest: await copySqliteStep(step, destination, facts),
      step: { kind: 'sqlite', roles: step.roles },
    };
  }
  const copy = await copyPostgresStep(step, destination, facts, pgBin);
  return {
    digest: copy.digest,
    step: {
      kind: 'postgres',
      roles: step.roles,
      schemas: step.schemas,
      tool: copy.tool,
      serverVersion: copy.serverVersion,
    },
  };
}

function fileEntry(
  area: ManifestFile['area'],
  name: string,
  kind: ManifestFile['kind'],
  digest: FileDigest,
): ManifestFile {
  return { area, name, kind, bytes: digest.bytes, sha256: digest.sha256 };
}

/** KEK files never change once written; the same name with other bytes is not a KEK file. */
function union(
  before: Map<string, SecretCopy>,
  after: Map<string, SecretCopy>,
): Map<string, SecretCopy> {
  const all = new Map(before);
  for (const [name, copy] of after) {
    const earlier = all.get(name);
    if (earlier !== undefined && !earlier.bytes.equals(copy.bytes)) {
      throw new BackupError(`the KEK file ${name} changed during the backup: run the backup again`);
    }
    all.set(name, copy);
  }
  return new Map([...all].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every KEK the copied key store wraps a key under must be in the backup. */
function checkKeksCopied(facts: CopiedFacts, keks: Map<string, SecretCopy>, keysDir: string): void {
  const copied = new Set([...keks.keys()].map((name) => name.replace(/\.key$/, '')));
  const missing = facts.kekIdsInUse.filter((kekId) => !copied.has(kekId));
  if (missing.length > 0) {
    throw new BackupError(
      `the copied key store wraps keys under ${missing.join(', ')}, which ${keysDir} no longer holds: a KEK rotation ran during the backup; run the backup again`,
    );
  }
}

function removeContents(dir: string): void {
  try {
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  } catch {
    // Nothing was created there.
  }
}

import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config';
import { parseSignerKey } from '../audit/note';
import { kekIdOfFile, LOOKUP_SECRET_FILE, prepareKeysDir, readSecretFile } from '../keys';
import { replaceOwnerOnlyFile } from '../shared/files/owner-only-file';
import { BackupError } from './backup.errors';
import type { FileKind } from './backup-manifest';

/** The name the signing key has in a backup, wherever CHECKPOINT_SIGNING_KEY_FILE puts it. */
const SIGNING_KEY_NAME = 'checkpoint-signing.key';

/** The name the receipt key seed has in a backup, wherever RECEIPT_SIGNING_KEY_FILE puts it. */
const RECEIPT_KEY_NAME = 'receipt-signing.key';

export interface SecretCopy {
  readonly name: string;
  readonly kind: Extract<FileKind, 'kek' | 'lookup-secret' | 'signing-key' | 'receipt-key'>;
  readonly bytes: Buffer;
}

const MAX_SIGNING_KEY_BYTES = 4096;

/** The KEK files of KEYS_DIR as they are now, by file name. */
export function readKekFiles(keysDir: string): Map<string, SecretCopy> {
  const keks = new Map<string, SecretCopy>();
  if (!existsSync(keysDir)) return keks;
  for (const name of readdirSync(keysDir).sort()) {
    if (kekIdOfFile(name) === undefined) continue;
    keks.set(name, { name, kind: 'kek', bytes: readKeyFile(join(keysDir, name), 'KEK file') });
  }
  return keks;
}

/**
 * The lookup secret (subject lookup, API-key and idempotency-key digests), the signing key,
 * and the receipt key seed (ADR 0043) once a service version that makes one has started.
 */
export function readServiceSecrets(config: AppConfig): SecretCopy[] {
  const lookup = join(config.keys.dir, LOOKUP_SECRET_FILE);
  if (!existsSync(lookup)) {
    throw new BackupError(`${lookup} does not exist: start the service once before backing it up`);
  }
  const signing = config.audit.signingKey.file;
  if (!existsSync(signing)) {
    throw new BackupError(
      `the checkpoint signing key ${signing} does not exist (CHECKPOINT_SIGNING_KEY_FILE)`,
    );
  }
  return [
    {
      name: LOOKUP_SECRET_FILE,
      kind: 'lookup-secret',
      bytes: readKeyFile(lookup, 'lookup secret file'),
    },
    { name: SIGNING_KEY_NAME, kind: 'signing-key', bytes: readSigningKey(signing) },
    ...(existsSync(config.receipts.signingKey.file)
      ? [
          {
            name: RECEIPT_KEY_NAME,
            kind: 'receipt-key' as const,
            bytes: readKeyFile(config.receipts.signingKey.file, 'receipt signing key file'),
          },
        ]
      : []),
  ];
}

/** The Ed25519 public key of a signing key file's text, to check checkpoints it signed. */
export function signingPublicKey(text: Buffer): Buffer {
  return parseSignerKey(text.toString('utf8').replace(/\n$/, '')).publicKey;
}

function readKeyFile(path: string, label: string): Buffer {
  try {
    return readSecretFile(path, label);
  } catch (error) {
    throw new BackupError(`cannot back up ${path}: ${(error as Error).message}`);
  }
}

function readSigningKey(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SIGNING_KEY_BYTES || (stat.mode & 0o077) !== 0) {
      throw new BackupError(`${path} is not an owner-only checkpoint signing key file`);
    }
    const bytes = readFileSync(fd);
    signingPublicKey(bytes);
    return bytes;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${path} is not a checkpoint signing key: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Writes `bytes` to `path` owner-only, replacing what is there, never half-written. */
export function replacePrivateFile(path: string, bytes: Uint8Array): void {
  prepareKeysDir(dirname(path));
  replaceOwnerOnlyFile(path, bytes);
}

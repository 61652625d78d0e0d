import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { createOwnerOnlyFile, isAlreadyThere, fsyncPath } from '../shared/files/owner-only-file';
import { KeyFileRejectedError } from './keys.errors';

/** Every key file (a KEK, the lookup secret) holds exactly this many random bytes. */
const SECRET_BYTES = 32;

const GROUP_OR_OTHER_BITS = 0o077;

/** Creates the keys directory, owner-only, when it is missing; an existing one is left as is. */
export function prepareKeysDir(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // `mode` passes through the umask; a new keys directory is owner-only whatever the umask.
  if (created !== undefined) chmodSync(dir, 0o700);
}

/**
 * Reads a key file, refusing it when group or others have any access (it is then no longer
 * a secret of this service) or when it does not hold exactly `SECRET_BYTES` bytes. The mode
 * is checked on the opened descriptor, so it is the mode of the file actually read.
 */
export function readSecretFile(path: string, label: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new KeyFileRejectedError(path, `${label} ${path} is not a file`);
    const mode = stat.mode & 0o777;
    if ((mode & GROUP_OR_OTHER_BITS) !== 0) {
      throw new KeyFileRejectedError(
        path,
        `${label} ${path} is accessible by group or others (mode ${mode.toString(8).padStart(4, '0')}); make it owner-only with: chmod 600 ${path}`,
      );
    }
    if (stat.size !== SECRET_BYTES) {
      throw new KeyFileRejectedError(
        path,
        `${label} ${path} is ${stat.size} bytes, not ${SECRET_BYTES}: restore it from a backup of the keys directory`,
      );
    }
    const secret = Buffer.alloc(SECRET_BYTES);
    if (readSync(fd, secret, 0, SECRET_BYTES, 0) !== SECRET_BYTES) {
      throw new KeyFileRejectedError(path, `${label} ${path} could not be read in full`);
    }
    return secret;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a new random key file, owner-only, never half-written. An existing file is never
 * replaced: when `path` exists this throws the `EEXIST` error of `link`.
 */
export function createSecretFile(path: string): Buffer {
  const secret = randomBytes(SECRET_BYTES);
  createOwnerOnlyFile(path, secret);
  return secret;
}

/** The secret in `path`, created on first use (a process that loses the race reads the winner's). */
export function readOrCreateSecretFile(path: string, label: string): Buffer {
  try {
    return readSecretFile(path, label);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  try {
    return createSecretFile(path);
  } catch (error) {
    if (!isAlreadyThere(error)) throw error;
    return readSecretFile(path, label);
  }
}

function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Overwrites a key file with random bytes, syncs, then unlinks it. On copy-on-write file
 * systems and flash the old blocks may survive the overwrite; the ADR says what that means.
 */
export function destroySecretFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, randomBytes(SECRET_BYTES), 0, SECRET_BYTES, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
  fsyncPath(dirname(path));
}

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The one way the service writes a secret or private file (key files, the signing key,
 * restored secrets): owner-only from the first byte, written and synced under a temporary
 * name in the same directory, then put in place in one step, and the directory entry synced.
 * A crash leaves the old file or the new one, never half of either.
 */

/**
 * Puts `bytes` at `path` only if nothing is there: a hard link never replaces, so two
 * processes racing to create the same key cannot both win. Throws the `EEXIST` of `link`
 * when `path` exists.
 */
export function createOwnerOnlyFile(path: string, bytes: Uint8Array | string): void {
  const temporary = writeTemporary(path, bytes);
  try {
    linkSync(temporary, path);
  } finally {
    unlinkSync(temporary);
  }
  fsyncPath(dirname(path));
}

/** Puts `bytes` at `path`, replacing what is there (restore). */
export function replaceOwnerOnlyFile(path: string, bytes: Uint8Array | string): void {
  const temporary = writeTemporary(path, bytes);
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
  fsyncPath(dirname(path));
}

/**
 * Makes what `path` holds durable: a file's bytes, or a directory's entries (one created,
 * renamed or removed there).
 */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function isAlreadyThere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';
}

function writeTemporary(path: string, bytes: Uint8Array | string): string {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    // Exactly 0600, whatever the umask made of the mode given to `open`.
    fchmodSync(fd, 0o600);
    writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  return temporary;
}

import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeSync,
} from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupUsageError } from './backup.errors';
import { fsyncPath } from '../shared/files/owner-only-file';

export interface FileDigest {
  readonly bytes: number;
  /** Lower-case hex SHA-256. */
  readonly sha256: string;
}

/**
 * Creates `dir` owner-only (0700 whatever the umask), or accepts an existing empty one and
 * makes it owner-only; a directory that already holds anything is refused, so a backup never
 * mixes with another one.
 */
export function createPrivateDir(dir: string, what: string): void {
  if (existsSync(dir)) {
    if (readdirSync(dir).length > 0) {
      throw new BackupUsageError(`${what} ${dir} is not empty: give a new or empty directory`);
    }
  } else {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  chmodSync(dir, 0o700);
}

/** Writes a new owner-only file (refusing to replace one), synced before it returns. */
export function writePrivateFile(path: string, data: string | Uint8Array): FileDigest {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600);
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Copies `from` to a new owner-only file `to`, hashing what was written, and syncs it. */
export async function copyWithDigest(from: string, to: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx', mode: 0o600 }));
  chmodSync(to, 0o600);
  fsyncPath(to);
  return { bytes, sha256: hash.digest('hex') };
}

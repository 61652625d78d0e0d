import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import {
  openCheckpoint,
  parseCheckpoint,
  ed25519Verifier,
  NoteError,
  parseNote,
} from '../audit/note';
import { BackupUsageError } from './backup.errors';
import type { KnownCheckpoint } from './log-checks';

/** A signed checkpoint note is a few hundred bytes; anything far larger is not one. */
const MAX_NOTE_BYTES = 64 * 1024;

/**
 * Reads a checkpoint an operator or auditor kept (the C2SP signed note that
 * `GET /v1/audit/checkpoint(s/{size})` serves). It counts only when this ledger signed it:
 * its origin is `<CHECKPOINT_ORIGIN_HOST>/<log>` and one of `publicKeys` (the backup's signing
 * key, the configured one) verifies it; anything else is refused rather than ignored.
 */
export function readCheckpointFile(
  path: string,
  originHost: string,
  publicKeys: readonly Buffer[],
): KnownCheckpoint {
  const message = readSmallFile(path);
  let origin: string;
  try {
    origin = parseCheckpoint(parseNote(message).text).origin;
  } catch (error) {
    throw unusable(path, `not a signed checkpoint note (${describe(error)})`);
  }
  const prefix = `${originHost}/`;
  if (!origin.startsWith(prefix) || origin.length === prefix.length) {
    throw unusable(
      path,
      `its origin ${origin} is not a log of this ledger (CHECKPOINT_ORIGIN_HOST is ${originHost})`,
    );
  }
  for (const publicKey of publicKeys) {
    try {
      const checkpoint = openCheckpoint(message, ed25519Verifier(origin, publicKey), origin);
      if (checkpoint.size > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw unusable(path, 'its tree size is beyond any log this ledger can hold');
      }
      return {
        log: origin.slice(prefix.length),
        size: Number(checkpoint.size),
        root: checkpoint.rootHash,
        source: `checkpoint file ${path}`,
      };
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
    }
  }
  throw unusable(path, "no signature on it verifies with this ledger's checkpoint signing key");
}

function readSmallFile(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unusable(path, describe(error));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_NOTE_BYTES)
      throw unusable(path, 'not a checkpoint note file');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function unusable(path: string, reason: string): BackupUsageError {
  return new BackupUsageError(`--checkpoint ${path}: ${reason}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

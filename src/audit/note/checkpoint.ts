import { HASH_BYTES } from '../merkle/hashing';
import type { NoteVerifier } from './note-keys';
import { MalformedCheckpointError } from './note.errors';
import { isNoteSafe } from './note-text';
import { openNote } from './signed-note';
import { decodeStrictBase64 } from './strict-base64';

/** A log's tree head as C2SP tlog-checkpoint writes it: origin, size, root, extension lines. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: bigint;
  readonly rootHash: Buffer;
  readonly extensions: readonly string[];
}

interface CheckpointFields {
  readonly origin: string;
  readonly size: bigint | number;
  readonly rootHash: Uint8Array;
  readonly extensions?: readonly string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const UINT64_MAX = (1n << 64n) - 1n;

/** The note text of a checkpoint: one line each, each ending in a newline. */
export function formatCheckpoint(fields: CheckpointFields): string {
  const size = BigInt(fields.size);
  const extensions = fields.extensions ?? [];
  if (fields.origin === '' || fields.origin.includes('\n')) {
    throw new MalformedCheckpointError('the origin is one non-empty line');
  }
  if (size < 0n || size > UINT64_MAX) {
    throw new MalformedCheckpointError('the tree size is an unsigned 64-bit integer');
  }
  if (fields.rootHash.length !== HASH_BYTES) {
    throw new MalformedCheckpointError(`the root hash is ${HASH_BYTES} bytes`);
  }
  if (extensions.some((line) => line === '' || line.includes('\n'))) {
    throw new MalformedCheckpointError('extension lines are single non-empty lines');
  }
  const root = Buffer.from(fields.rootHash).toString('base64');
  const text = [fields.origin, size.toString(), root, ...extensions].map((l) => `${l}\n`).join('');
  if (!isNoteSafe(text))
    throw new MalformedCheckpointError('a checkpoint holds no control characters');
  return text;
}

/** Parses checkpoint note text strictly: nothing is guessed, trimmed or defaulted. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n') || !isNoteSafe(text)) {
    throw new MalformedCheckpointError('a checkpoint is newline-terminated lines of UTF-8');
  }
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    throw new MalformedCheckpointError('a checkpoint has an origin, a size and a root hash line');
  }
  if (lines.some((line) => line === '')) {
    throw new MalformedCheckpointError('a checkpoint has no empty lines');
  }
  if (!DECIMAL.test(sizeText) || BigInt(sizeText) > UINT64_MAX) {
    throw new MalformedCheckpointError(
      'the tree size is a decimal unsigned 64-bit integer without leading zeros',
    );
  }
  const rootHash = decodeStrictBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_BYTES) {
    throw new MalformedCheckpointError(`the root hash is the base64 of ${HASH_BYTES} bytes`);
  }
  return { origin, size: BigInt(sizeText), rootHash, extensions };
}

/**
 * Verifies a signed checkpoint with the log's key and parses it. The log's key name is its
 * origin, so a checkpoint of another origin is refused even when the same key signed it.
 */
export function openCheckpoint(
  message: string | Uint8Array,
  verifier: NoteVerifier,
  origin: string = verifier.name,
): Checkpoint {
  const checkpoint = parseCheckpoint(openNote(message, [verifier]).text);
  if (checkpoint.origin !== origin) {
    throw new MalformedCheckpointError(`the checkpoint is for ${checkpoint.origin}, not ${origin}`);
  }
  return checkpoint;
}

import { HASH_BYTES } from '../merkle/hashing';
import { decodeStrictBase64 } from '../note/strict-base64';
import { MalformedMapInputError } from './map.errors';

/**
 * The checkpoint extension line that carries the heads map's root (docs/adr/0047): a fixed
 * name, a space, the root in standard padded base64. A client that does not know the line
 * still verifies the note's signature, which covers it.
 */
const LINE_NAME = 'consent-ledger/heads-map/v1';

export function headsMapLine(root: Uint8Array): string {
  if (root.length !== HASH_BYTES) throw new MalformedMapInputError(`a root is ${HASH_BYTES} bytes`);
  return `${LINE_NAME} ${Buffer.from(root).toString('base64')}`;
}

/**
 * The heads map root among a checkpoint's extension lines; undefined when none carries one
 * (a checkpoint signed before the map), refused when two do or the root is not 32 bytes.
 */
export function headsMapRootOf(extensions: readonly string[]): Buffer | undefined {
  const lines = extensions.filter((line) => line.startsWith(`${LINE_NAME} `));
  if (lines.length === 0) return undefined;
  if (lines.length > 1) throw new MalformedMapInputError('a checkpoint carries one heads map root');
  const root = decodeStrictBase64(lines[0]!.slice(LINE_NAME.length + 1));
  if (root === undefined || root.length !== HASH_BYTES) {
    throw new MalformedMapInputError(`the heads map root is the base64 of ${HASH_BYTES} bytes`);
  }
  return root;
}

import { sameHash } from '../merkle/hashing';
import {
  bitAt,
  emptyHashes,
  hashMapLeaf,
  hashMapNode,
  keyPathOf,
  MAP_DEPTH,
  PATH_BYTES,
} from './map-hashing';
import { MalformedMapInputError } from './map.errors';
import { encodeHeadValue, type StreamHeadValue } from './stream-head-value';

/** A bit per level: set when that level's sibling is not the empty subtree and is carried. */
const BITMAP_BYTES = MAP_DEPTH / 8;

/**
 * The compact encoding of a path's siblings (depth 1, next to the root, to depth 256, next to
 * the leaf): a 32-byte bitmap whose bit d-1 (most significant bit first) says the sibling at
 * depth d is carried, then the carried siblings in depth order. Empty siblings are left out,
 * so a proof in a map of n streams holds about log2(n) hashes (docs/adr/0047).
 */
export function encodeMapProof(siblings: readonly Buffer[]): Buffer {
  const bitmap = Buffer.alloc(BITMAP_BYTES);
  const carried: Buffer[] = [];
  siblings.forEach((sibling, index) => {
    if (sibling.equals(emptyHashes[index + 1]!)) return;
    bitmap[index >> 3]! |= 0x80 >> (index & 7);
    carried.push(sibling);
  });
  return Buffer.concat([bitmap, ...carried]);
}

/**
 * The path's siblings; refuses a proof of the wrong length or one that carries an empty
 * sibling, so each map state has exactly one proof per key.
 */
export function decodeMapProof(proof: Uint8Array): Buffer[] {
  if (proof.length < BITMAP_BYTES) throw new MalformedMapInputError('a proof starts with a bitmap');
  const bytes = Buffer.from(proof.buffer, proof.byteOffset, proof.byteLength);
  const siblings: Buffer[] = [];
  let offset = BITMAP_BYTES;
  for (let index = 0; index < MAP_DEPTH; index++) {
    const empty = emptyHashes[index + 1]!;
    if (bitAt(bytes, index) === 0) {
      siblings.push(empty);
      continue;
    }
    if (offset + PATH_BYTES > bytes.length) {
      throw new MalformedMapInputError('a proof carries a hash for every bit set in its bitmap');
    }
    const sibling = bytes.subarray(offset, offset + PATH_BYTES);
    if (sibling.equals(empty)) throw new MalformedMapInputError('a proof carries no empty sibling');
    siblings.push(sibling);
    offset += PATH_BYTES;
  }
  if (offset !== bytes.length) {
    throw new MalformedMapInputError('a proof carries no bytes after its hashes');
  }
  return siblings;
}

/**
 * Whether `proof` shows that under `root` the stream's value is `head`, or that the stream is
 * absent when `head` is undefined. False for any mismatch, including a malformed proof.
 */
export function verifyMapProof(
  root: Uint8Array,
  streamName: string,
  head: StreamHeadValue | undefined,
  proof: Uint8Array,
): boolean {
  try {
    return sameHash(rootOf(streamName, head, decodeMapProof(proof)), root);
  } catch (error) {
    if (error instanceof MalformedMapInputError) return false;
    throw error;
  }
}

/** The root a path's siblings give for the stream's value; throws on a malformed head. */
function rootOf(
  streamName: string,
  head: StreamHeadValue | undefined,
  siblings: readonly Buffer[],
): Buffer {
  const path = keyPathOf(streamName);
  let hash =
    head === undefined ? emptyHashes[MAP_DEPTH]! : hashMapLeaf(path, encodeHeadValue(head));
  for (let depth = MAP_DEPTH; depth > 0; depth--) {
    const sibling = siblings[depth - 1]!;
    hash = bitAt(path, depth - 1) === 0 ? hashMapNode(hash, sibling) : hashMapNode(sibling, hash);
  }
  return hash;
}

import { hashLeaf } from '../merkle/hashing';

/** The number of levels of the map: one per bit of a key path (a SHA-256 digest). */
export const MAP_DEPTH = 256;

/** A key path, a leaf value or a node hash: 32 bytes each. */
export const PATH_BYTES = 32;

/*
 * Every hash of the map goes through the log's hashing module (so a browser seam there covers
 * it too) and carries its own tag, so a map leaf, a map node, the empty value, a key path and
 * a log leaf (RFC 8785 JSON, which starts with `{`) never hash the same bytes
 * (docs/adr/0047).
 */
const KEY_TAG = tag('consent-ledger/heads-map/v1/key');
const LEAF_TAG = tag('consent-ledger/heads-map/v1/leaf');
const NODE_TAG = tag('consent-ledger/heads-map/v1/node');
const EMPTY_TAG = tag('consent-ledger/heads-map/v1/empty');

/** Where a stream's head sits in the map: the tagged SHA-256 of its stream name (UTF-8). */
export function keyPathOf(streamName: string): Buffer {
  return hashLeaf(Buffer.concat([KEY_TAG, Buffer.from(streamName, 'utf8')]));
}

/** A present leaf: its key path is in the hash, so a leaf cannot be moved to another key. */
export function hashMapLeaf(path: Uint8Array, value: Uint8Array): Buffer {
  return hashLeaf(Buffer.concat([LEAF_TAG, path, value]));
}

export function hashMapNode(left: Uint8Array, right: Uint8Array): Buffer {
  return hashLeaf(Buffer.concat([NODE_TAG, left, right]));
}

/** `emptyHashes[d]`: the hash of an empty subtree whose root is at depth d (0 is the root). */
export const emptyHashes: readonly Buffer[] = (() => {
  const hashes: Buffer[] = new Array<Buffer>(MAP_DEPTH + 1);
  hashes[MAP_DEPTH] = hashLeaf(EMPTY_TAG);
  for (let depth = MAP_DEPTH - 1; depth >= 0; depth--) {
    hashes[depth] = hashMapNode(hashes[depth + 1]!, hashes[depth + 1]!);
  }
  return hashes;
})();

/** Bit `index` of a key path, most significant bit of byte 0 first: 0 goes left, 1 right. */
export function bitAt(path: Uint8Array, index: number): number {
  return (path[index >> 3]! >> (7 - (index & 7))) & 1;
}

function tag(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'ascii'), Buffer.of(0)]);
}

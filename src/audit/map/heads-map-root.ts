import { bitAt, emptyHashes, hashMapLeaf, hashMapNode, keyPathOf, MAP_DEPTH } from './map-hashing';
import { encodeHeadValue, type StreamHeadValue } from './stream-head-value';

interface PlacedLeaf {
  readonly path: Buffer;
  readonly hash: Buffer;
}

/**
 * The map's root computed from scratch over every stream's head: what a monitor holding the
 * whole log computes, and what `HeadsMap` must equal however its heads were set.
 */
export function headsMapRoot(heads: ReadonlyMap<string, StreamHeadValue>): Buffer {
  const leaves = [...heads].map(([streamName, head]): PlacedLeaf => {
    const path = keyPathOf(streamName);
    return { path, hash: hashMapLeaf(path, encodeHeadValue(head)) };
  });
  return subtreeRoot(leaves, 0);
}

function subtreeRoot(leaves: readonly PlacedLeaf[], depth: number): Buffer {
  if (leaves.length === 0) return emptyHashes[depth]!;
  if (depth === MAP_DEPTH) return leaves[0]!.hash;
  const left = leaves.filter((leaf) => bitAt(leaf.path, depth) === 0);
  const right = leaves.filter((leaf) => bitAt(leaf.path, depth) === 1);
  return hashMapNode(subtreeRoot(left, depth + 1), subtreeRoot(right, depth + 1));
}

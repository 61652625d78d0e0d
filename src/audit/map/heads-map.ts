import { bitAt, emptyHashes, hashMapLeaf, hashMapNode, keyPathOf, MAP_DEPTH } from './map-hashing';
import { encodeMapProof } from './map-proof';
import { encodeHeadValue, type StreamHeadValue } from './stream-head-value';

/**
 * The map from stream name to stream head, as a 256-level sparse Merkle tree (docs/adr/0047),
 * kept incrementally: only non-empty nodes are held, so memory grows with the streams,
 * and setting a head rehashes the one path from its leaf to the root. Pure and in memory.
 */
export class HeadsMap {
  /** Non-empty nodes by `nodeId`; an absent node is the empty subtree of its depth. */
  private readonly nodes = new Map<string, Buffer>();

  /** Sets a stream's head, or removes the stream when `head` is undefined. */
  set(streamName: string, head: StreamHeadValue | undefined): void {
    const path = keyPathOf(streamName);
    let hash =
      head === undefined ? emptyHashes[MAP_DEPTH]! : hashMapLeaf(path, encodeHeadValue(head));
    this.store(MAP_DEPTH, path, hash);
    for (let depth = MAP_DEPTH; depth > 0; depth--) {
      const sibling = this.nodeAt(depth, path, true);
      hash = bitAt(path, depth - 1) === 0 ? hashMapNode(hash, sibling) : hashMapNode(sibling, hash);
      this.store(depth - 1, path, hash);
    }
  }

  root(): Buffer {
    return this.nodeAt(0, Buffer.alloc(0), false);
  }

  /** The compact proof of the stream's value (its head, or its absence) under `root()`. */
  prove(streamName: string): Buffer {
    const path = keyPathOf(streamName);
    const siblings: Buffer[] = [];
    for (let depth = 1; depth <= MAP_DEPTH; depth++) siblings.push(this.nodeAt(depth, path, true));
    return encodeMapProof(siblings);
  }

  private nodeAt(depth: number, path: Uint8Array, sibling: boolean): Buffer {
    return this.nodes.get(nodeId(depth, path, sibling)) ?? emptyHashes[depth]!;
  }

  private store(depth: number, path: Uint8Array, hash: Buffer): void {
    const id = nodeId(depth, path, false);
    if (hash.equals(emptyHashes[depth]!)) this.nodes.delete(id);
    else this.nodes.set(id, hash);
  }
}

/** The node at `depth` on `path` (or its sibling): the depth and the path's first bits. */
function nodeId(depth: number, path: Uint8Array, sibling: boolean): string {
  const prefix = Buffer.from(path.subarray(0, Math.ceil(depth / 8)));
  const spare = (8 - (depth % 8)) % 8;
  if (prefix.length > 0) prefix[prefix.length - 1]! &= 0xff << spare;
  if (sibling) prefix[(depth - 1) >> 3]! ^= 0x80 >> ((depth - 1) & 7);
  return `${depth}:${prefix.toString('hex')}`;
}

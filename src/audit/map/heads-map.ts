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
    const pathHex = path.toString('hex');
    let hash =
      head === undefined ? emptyHashes[MAP_DEPTH]! : hashMapLeaf(path, encodeHeadValue(head));
    this.store(MAP_DEPTH, pathHex, hash);
    for (let depth = MAP_DEPTH; depth > 0; depth--) {
      const sibling = this.nodeAt(depth, pathHex, true);
      hash = bitAt(path, depth - 1) === 0 ? hashMapNode(hash, sibling) : hashMapNode(sibling, hash);
      this.store(depth - 1, pathHex, hash);
    }
  }

  root(): Buffer {
    return this.nodeAt(0, '', false);
  }

  /** The compact proof of the stream's value (its head, or its absence) under `root()`. */
  prove(streamName: string): Buffer {
    const pathHex = keyPathOf(streamName).toString('hex');
    const siblings: Buffer[] = [];
    for (let depth = 1; depth <= MAP_DEPTH; depth++) {
      siblings.push(this.nodeAt(depth, pathHex, true));
    }
    return encodeMapProof(siblings);
  }

  private nodeAt(depth: number, pathHex: string, sibling: boolean): Buffer {
    return this.nodes.get(nodeId(depth, pathHex, sibling)) ?? emptyHashes[depth]!;
  }

  private store(depth: number, pathHex: string, hash: Buffer): void {
    const id = nodeId(depth, pathHex, false);
    if (hash.equals(emptyHashes[depth]!)) this.nodes.delete(id);
    else this.nodes.set(id, hash);
  }
}

/**
 * The node at `depth` on `path` (or its sibling): the depth and the path's first `depth`
 * bits, as hex (`pathHex` is the whole path's, so no buffer is made per level).
 */
function nodeId(depth: number, pathHex: string, sibling: boolean): string {
  const chars = Math.ceil(depth / 4);
  if (chars === 0) return '0:';
  const spare = (4 - (depth % 4)) % 4;
  let last = parseInt(pathHex[chars - 1]!, 16) & ((0xf << spare) & 0xf);
  if (sibling) last ^= 0x8 >> ((depth - 1) & 3);
  return `${depth}:${pathHex.slice(0, chars - 1)}${last.toString(16)}`;
}

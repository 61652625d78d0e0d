import { emptyTreeRoot, foldRight, hashChildren } from '../audit/merkle';

interface Subtree {
  readonly leaves: number;
  readonly hash: Buffer;
}

/**
 * The right edge of an RFC 9162 tree grown one leaf at a time: one perfect subtree per set
 * bit of the size, largest first. It answers the root at the current size in O(log n) memory,
 * so a whole event log can be re-hashed in one pass without storing its nodes.
 */
export class MerkleFrontier {
  private readonly subtrees: Subtree[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leafHash: Buffer): void {
    let subtree: Subtree = { leaves: 1, hash: leafHash };
    // Two neighbours of equal size close a larger perfect subtree (the carry of a binary add).
    while (this.subtrees.at(-1)?.leaves === subtree.leaves) {
      const left = this.subtrees.pop()!;
      subtree = { leaves: left.leaves * 2, hash: hashChildren(left.hash, subtree.hash) };
    }
    this.subtrees.push(subtree);
    this.count += 1;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    if (this.subtrees.length === 0) return emptyTreeRoot();
    return foldRight(this.subtrees.map((subtree) => subtree.hash));
  }
}

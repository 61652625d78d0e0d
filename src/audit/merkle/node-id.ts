/**
 * A complete subtree of the log: the 2^level leaves from index·2^level on. Its hash never
 * changes once its last leaf has arrived, so it can be stored once and read by any proof.
 * Level 0 nodes are the leaf hashes.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/**
 * The complete subtrees covering leaves [start, end), left to right, largest first. For the
 * ranges RFC 9162's recursion produces (start is a multiple of a power of two ≥ end − start),
 * these are exactly the subtrees its MTH splits the range into, so MTH(range) is their fold
 * from the right (`foldRight`).
 */
export function subtreesCovering(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let from = start;
  while (from < end) {
    let level = 0;
    let width = 1;
    while (from % (width * 2) === 0 && from + width * 2 <= end) {
      level += 1;
      width *= 2;
    }
    nodes.push({ level, index: from / width });
    from += width;
  }
  return nodes;
}

/** RFC 9162's split point k for n > 1 leaves: the largest power of two less than n. */
export function splitPoint(size: number): number {
  let k = 1;
  while (k * 2 < size) k *= 2;
  return k;
}

export function nodeKey(id: NodeId): string {
  return `${id.level}:${id.index}`;
}

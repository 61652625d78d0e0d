import { type NodeId, splitPoint, subtreesCovering } from './node-id';

/**
 * Which stored subtrees a proof is made of. Each proof element is the MTH of one range of
 * leaves: a single stored node when the range is a complete subtree, or the right fold of
 * a few stored nodes on the tree's right edge. Elements are listed bottom-up, as RFC 9162
 * orders the proof. Planning is pure arithmetic, so a proof costs one batched read.
 */
export type ProofPlan = readonly (readonly NodeId[])[];

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) for leaf `index` of a tree of `size` leaves. */
export function planInclusionProof(index: number, size: number): ProofPlan {
  assertSafeCount(size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError('the leaf index must be a non-negative integer less than the tree size');
  }
  const topDown: NodeId[][] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      topDown.push(subtreesCovering(start + k, end));
      end = start + k;
    } else {
      topDown.push(subtreesCovering(start, start + k));
      start += k;
    }
  }
  return topDown.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) from the tree of `size1` leaves to the one of `size2`. */
export function planConsistencyProof(size1: number, size2: number): ProofPlan {
  assertSafeCount(size2);
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > size2) {
    throw new RangeError('the first tree size must be at least 1 and at most the second');
  }
  const topDown: NodeId[][] = [];
  let start = 0;
  let end = size2;
  // SUBPROOF's flag b: true while the current range still starts at the left edge of the
  // tree, where the old root is known to the verifier and need not be sent.
  let atLeftEdge = true;
  while (size1 !== end) {
    const k = splitPoint(end - start);
    if (size1 <= start + k) {
      topDown.push(subtreesCovering(start + k, end));
      end = start + k;
    } else {
      topDown.push(subtreesCovering(start, start + k));
      start += k;
      atLeftEdge = false;
    }
  }
  if (!atLeftEdge) topDown.push(subtreesCovering(start, end));
  return topDown.reverse();
}

function assertSafeCount(size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError('the tree size must be a positive safe integer');
  }
}

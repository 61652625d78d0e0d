import { hashChildren, sameHash } from './hashing';
import { ProofVerificationError } from './merkle.errors';
import { assertHashSize, isOdd, toUint64, type TreeCoordinate } from './tree-coordinate';

/**
 * Checks that `leafHash` is the leaf at `index` of the tree of `size` leaves whose root is
 * `root` (RFC 9162 §2.1.3.2). Throws `ProofVerificationError` naming the failed check.
 *
 * The proof binds the leaf's position and the root; the size only fixes the proof's shape.
 * Take the size and the root from the same signed checkpoint.
 */
export function verifyInclusion(
  index: TreeCoordinate,
  size: TreeCoordinate,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!sameHash(computed, root)) {
    throw new ProofVerificationError('the inclusion proof leads to a different root');
  }
}

/** The root that an inclusion proof leads to, or a `ProofVerificationError` if it cannot lead anywhere. */
function rootFromInclusionProof(
  index: TreeCoordinate,
  size: TreeCoordinate,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  let fn = toUint64(index, 'the leaf index');
  let sn = toUint64(size, 'the tree size');
  if (fn >= sn) throw new ProofVerificationError('the leaf index must be less than the tree size');
  sn -= 1n;
  assertHashSize(leafHash, 'the leaf hash');
  let root: Buffer = Buffer.from(leafHash);
  for (const node of proof) {
    assertHashSize(node, 'a proof node');
    if (sn === 0n) throw new ProofVerificationError('the inclusion proof has too many nodes');
    if (isOdd(fn) || fn === sn) {
      root = hashChildren(node, root);
      // On the right edge, skip the levels where this subtree has no right sibling.
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      root = hashChildren(root, node);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofVerificationError('the inclusion proof has too few nodes');
  return root;
}

import { hashChildren, sameHash } from './hashing';
import { ProofVerificationError } from './merkle.errors';
import { assertHashSize, isOdd, toUint64, type TreeCoordinate } from './tree-coordinate';

/**
 * Checks that the tree of `size1` leaves with root `root1` is a prefix of the tree of `size2`
 * leaves with root `root2` (RFC 9162 §2.1.4.2). Throws `ProofVerificationError` naming the
 * failed check.
 *
 * As in RFC 9162 a proof from the empty tree is refused, whatever it holds: every tree
 * extends the empty one, so such a proof proves nothing. Equal sizes need an empty proof
 * and equal roots.
 */
export function verifyConsistency(
  size1: TreeCoordinate,
  size2: TreeCoordinate,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const first = toUint64(size1, 'the first tree size');
  const second = toUint64(size2, 'the second tree size');
  if (second < first) {
    throw new ProofVerificationError('the second tree size must not be less than the first');
  }
  if (first === 0n) {
    throw new ProofVerificationError('a consistency proof from the empty tree proves nothing');
  }
  if (first === second) {
    if (proof.length > 0) {
      throw new ProofVerificationError('trees of equal size need an empty consistency proof');
    }
    if (!sameHash(root1, root2)) {
      throw new ProofVerificationError('trees of equal size have different roots');
    }
    return;
  }
  if (proof.length === 0) throw new ProofVerificationError('the consistency proof is empty');
  assertHashSize(root1, 'the first root');
  assertHashSize(root2, 'the second root');
  for (const node of proof) assertHashSize(node, 'a proof node');
  const [computed1, computed2] = rootsFromConsistencyProof(first, second, proof, root1);
  if (!sameHash(computed1, root1)) {
    throw new ProofVerificationError('the consistency proof leads to a different first root');
  }
  if (!sameHash(computed2, root2)) {
    throw new ProofVerificationError('the consistency proof leads to a different second root');
  }
}

/** Requires 0 < first < second and a non-empty proof of 32-byte nodes. */
function rootsFromConsistencyProof(
  first: bigint,
  second: bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
): [Buffer, Buffer] {
  // When the first tree is complete, its root is the seed and the proof does not repeat it.
  const path = isPowerOfTwo(first) ? [root1, ...proof] : proof;
  let fn = first - 1n;
  let sn = second - 1n;
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr = fr;
  for (const node of path.slice(1)) {
    if (sn === 0n) throw new ProofVerificationError('the consistency proof has too many nodes');
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(node, fr);
      sr = hashChildren(node, sr);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, node);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofVerificationError('the consistency proof has too few nodes');
  return [fr, sr];
}

function isPowerOfTwo(value: bigint): boolean {
  return (value & (value - 1n)) === 0n;
}

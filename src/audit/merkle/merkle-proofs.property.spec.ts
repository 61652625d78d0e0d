import fc from 'fast-check';
import { hashChildren, hashLeaf } from './hashing';
import { MemoryHashStore } from './testing/memory-hash-store';
import { appendLeaf, consistencyProof, inclusionProof, treeRoot } from './merkle-tree';
import { ProofVerificationError } from './merkle.errors';
import { planConsistencyProof, planInclusionProof } from './proof-plan';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';

const runs = {
  seed: Number(process.env.FC_SEED ?? 20260611),
  numRuns: Number(process.env.FC_RUNS ?? 150),
};

interface Tree {
  readonly leaves: Buffer[];
  readonly store: MemoryHashStore;
}

/** Distinct leaves: equal neighbours would make some swapped proofs genuinely true. */
async function buildTree(size: number, seed: number): Promise<Tree> {
  const store = new MemoryHashStore();
  const leaves = Array.from({ length: size }, (_, i) => hashLeaf(Buffer.from(`${seed}:${i}`)));
  for (const [i, leaf] of leaves.entries()) await appendLeaf(store, i, leaf);
  return { leaves, store };
}

/** MTH straight from RFC 9162 §2.1.1, over the leaf hashes, as the reference. */
function referenceRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

function flipBit(bytes: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(bit >> 3) ^ (1 << (bit & 7)), bit >> 3);
  return copy;
}

function flipCoordinate(value: number, bit: number): bigint {
  return BigInt(value) ^ (1n << BigInt(bit));
}

/** Which side of the path each inclusion proof node joins on: all the verifier can see of the size. */
function inclusionShape(index: bigint, size: bigint): string | undefined {
  if (size > BigInt(Number.MAX_SAFE_INTEGER) || index >= size) return undefined;
  const leaf = Number(index);
  return planInclusionProof(leaf, Number(size))
    .map((element) => (rangeStart(element[0]!) < leaf ? 'L' : 'R'))
    .join('');
}

/** Whether the old root seeds the proof, and which proof nodes lie left of the old size. */
function consistencyShape(size1: bigint, size2: bigint): string | undefined {
  if (size2 > BigInt(Number.MAX_SAFE_INTEGER) || size1 < 1n || size1 >= size2) return undefined;
  const m = Number(size1);
  const seeded = (m & (m - 1)) === 0 ? 'seed:' : 'proof:';
  return (
    seeded +
    planConsistencyProof(m, Number(size2))
      .map((element) => (rangeStart(element[0]!) < m ? 'L' : 'R'))
      .join('')
  );
}

function rangeStart(node: { level: number; index: number }): number {
  return node.index * 2 ** node.level;
}

const treeAndLeaf = fc
  .record({ size: fc.integer({ min: 1, max: 260 }), seed: fc.nat() })
  .chain(({ size, seed }) =>
    fc.record({ size: fc.constant(size), seed: fc.constant(seed), index: fc.nat(size - 1) }),
  );

const treeAndSizes = fc
  .record({ size2: fc.integer({ min: 2, max: 260 }), seed: fc.nat() })
  .chain(({ size2, seed }) =>
    fc.record({
      size2: fc.constant(size2),
      seed: fc.constant(seed),
      size1: fc.integer({ min: 1, max: size2 - 1 }),
    }),
  );

describe('Merkle proofs over random trees', () => {
  it('store the RFC 9162 root for every prefix of the log', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 130 }), fc.nat(), async (size, seed) => {
        const { leaves, store } = await buildTree(size, seed);
        for (let n = 1; n <= size; n++) {
          expect(await treeRoot(store, n)).toEqual(referenceRoot(leaves.slice(0, n)));
        }
      }),
      { ...runs, numRuns: 40 },
    );
  });

  describe('inclusion', () => {
    it('a generated proof verifies', async () => {
      await fc.assert(
        fc.asyncProperty(treeAndLeaf, async ({ size, seed, index }) => {
          const { leaves, store } = await buildTree(size, seed);
          const proof = await inclusionProof(store, index, size);
          const root = await treeRoot(store, size);
          expect(() => verifyInclusion(index, size, leaves[index]!, proof, root)).not.toThrow();
        }),
        runs,
      );
    });

    it('fails after any bit flip in a proof node, the leaf hash, the root or the index', async () => {
      await fc.assert(
        fc.asyncProperty(treeAndLeaf, fc.nat(), async ({ size, seed, index }, pick) => {
          const { leaves, store } = await buildTree(size, seed);
          const proof = await inclusionProof(store, index, size);
          const root = await treeRoot(store, size);
          const leaf = leaves[index]!;
          const bit = pick % 256;
          const rejects = (run: () => void): void => expect(run).toThrow(ProofVerificationError);
          proof.forEach((_, n) => {
            const bad = proof.map((node, i) => (i === n ? flipBit(node, bit) : node));
            rejects(() => verifyInclusion(index, size, leaf, bad, root));
          });
          rejects(() => verifyInclusion(index, size, flipBit(leaf, bit), proof, root));
          rejects(() => verifyInclusion(index, size, leaf, proof, flipBit(root, bit)));
          for (let b = 0; b < 64; b++) {
            rejects(() => verifyInclusion(flipCoordinate(index, b), size, leaf, proof, root));
          }
        }),
        runs,
      );
    });

    it('after a bit flip in the size, verifies exactly when the proof keeps its shape', async () => {
      await fc.assert(
        fc.asyncProperty(treeAndLeaf, async ({ size, seed, index }) => {
          const { leaves, store } = await buildTree(size, seed);
          const proof = await inclusionProof(store, index, size);
          const root = await treeRoot(store, size);
          const shape = inclusionShape(BigInt(index), BigInt(size));
          for (let b = 0; b < 64; b++) {
            const flipped = flipCoordinate(size, b);
            const verify = (): void => verifyInclusion(index, flipped, leaves[index]!, proof, root);
            if (inclusionShape(BigInt(index), flipped) === shape) expect(verify).not.toThrow();
            else expect(verify).toThrow(ProofVerificationError);
          }
        }),
        runs,
      );
    });
  });

  describe('consistency', () => {
    it('a generated proof verifies', async () => {
      await fc.assert(
        fc.asyncProperty(treeAndSizes, async ({ size1, size2, seed }) => {
          const { store } = await buildTree(size2, seed);
          const proof = await consistencyProof(store, size1, size2);
          const [root1, root2] = [await treeRoot(store, size1), await treeRoot(store, size2)];
          expect(() => verifyConsistency(size1, size2, proof, root1, root2)).not.toThrow();
          expect(await consistencyProof(store, size2, size2)).toEqual([]);
          expect(() => verifyConsistency(size2, size2, [], root2, root2)).not.toThrow();
        }),
        runs,
      );
    });

    it('fails after any bit flip in a proof node or either root', async () => {
      await fc.assert(
        fc.asyncProperty(treeAndSizes, fc.nat(), async ({ size1, size2, seed }, pick) => {
          const { store } = await buildTree(size2, seed);
          const proof = await consistencyProof(store, size1, size2);
          const [root1, root2] = [await treeRoot(store, size1), await treeRoot(store, size2)];
          const bit = pick % 256;
          const rejects = (run: () => void): void => expect(run).toThrow(ProofVerificationError);
          proof.forEach((_, n) => {
            const bad = proof.map((node, i) => (i === n ? flipBit(node, bit) : node));
            rejects(() => verifyConsistency(size1, size2, bad, root1, root2));
          });
          rejects(() => verifyConsistency(size1, size2, proof, flipBit(root1, bit), root2));
          rejects(() => verifyConsistency(size1, size2, proof, root1, flipBit(root2, bit)));
        }),
        runs,
      );
    });

    it('after a bit flip in either size, verifies exactly when the proof keeps its shape', async () => {
      await fc.assert(
        fc.asyncProperty(treeAndSizes, async ({ size1, size2, seed }) => {
          const { store } = await buildTree(size2, seed);
          const proof = await consistencyProof(store, size1, size2);
          const [root1, root2] = [await treeRoot(store, size1), await treeRoot(store, size2)];
          const shape = consistencyShape(BigInt(size1), BigInt(size2));
          for (let b = 0; b < 64; b++) {
            for (const [m, n] of [
              [flipCoordinate(size1, b), BigInt(size2)],
              [BigInt(size1), flipCoordinate(size2, b)],
            ] as const) {
              const verify = (): void => verifyConsistency(m, n, proof, root1, root2);
              if (consistencyShape(m, n) === shape) expect(verify).not.toThrow();
              else expect(verify).toThrow(ProofVerificationError);
            }
          }
        }),
        runs,
      );
    });
  });
});

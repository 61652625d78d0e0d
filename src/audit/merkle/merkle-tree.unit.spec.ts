import { emptyTreeRoot, hashLeaf } from './hashing';
import { MemoryHashStore } from './testing/memory-hash-store';
import { appendLeaf, consistencyProof, inclusionProof, treeRoot } from './merkle-tree';
import { MissingNodeError } from './merkle.errors';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';

async function treeOf(size: number): Promise<{ store: MemoryHashStore; leaves: Buffer[] }> {
  const store = new MemoryHashStore();
  const leaves: Buffer[] = [];
  for (let i = 0; i < size; i++) {
    leaves.push(hashLeaf(Buffer.from(`leaf ${i}`)));
    await appendLeaf(store, i, leaves[i]!);
  }
  return { store, leaves };
}

describe('the Merkle tree over a hash store', () => {
  it('has the SHA-256 of nothing as the root of the empty tree', async () => {
    expect((await treeRoot(new MemoryHashStore(), 0)).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(emptyTreeRoot().toString('hex')).toMatch(/^e3b0c442/);
  });

  it('stores each leaf and the complete subtrees it closes, nothing else', async () => {
    const { store } = await treeOf(8);
    // 8 leaves + 4 + 2 + 1 complete subtrees above them.
    expect(store.size).toBe(15);
    const { store: seven } = await treeOf(7);
    expect(seven.size).toBe(7 + 3 + 1);
  });

  describe('reads O(log n) stored hashes', () => {
    const size = 100_003;
    let store: MemoryHashStore;
    const log2 = Math.ceil(Math.log2(size));

    beforeAll(async () => {
      ({ store } = await treeOf(size));
    });

    it.each([0, 1, 65_535, 65_536, 99_999, size - 1])('inclusion proof of leaf %i', async (i) => {
      store.nodesRead = 0;
      const proof = await inclusionProof(store, i, size);
      expect(proof.length).toBeLessThanOrEqual(log2);
      expect(store.nodesRead).toBeLessThanOrEqual(2 * log2);
    });

    it.each([1, 2, 3, 4096, 65_537, 99_998, size])('consistency proof from %i', async (m) => {
      store.nodesRead = 0;
      await consistencyProof(store, m, size);
      expect(store.nodesRead).toBeLessThanOrEqual(2 * log2 + 1);
    });

    it('root', async () => {
      store.nodesRead = 0;
      await treeRoot(store, size);
      expect(store.nodesRead).toBeLessThanOrEqual(log2);
    });

    it('append', async () => {
      const big = new MemoryHashStore();
      let n = 0;
      for (; n < 4095; n++) await appendLeaf(big, n, hashLeaf(Buffer.from([n & 255])));
      big.nodesRead = 0;
      // Leaf 4095 closes twelve subtrees at once: the worst case below 4096 leaves.
      await appendLeaf(big, n, hashLeaf(Buffer.of(1)));
      expect(big.nodesRead).toBe(12);
    });
  });

  it('refuses proofs the tree cannot hold', async () => {
    const { store } = await treeOf(4);
    await expect(inclusionProof(store, 4, 4)).rejects.toThrow(RangeError);
    await expect(inclusionProof(store, -1, 4)).rejects.toThrow(RangeError);
    await expect(consistencyProof(store, 0, 4)).rejects.toThrow(RangeError);
    await expect(consistencyProof(store, 3, 2)).rejects.toThrow(RangeError);
  });

  it('reports a node the store never received instead of inventing one', async () => {
    const { store } = await treeOf(4);
    await expect(inclusionProof(store, 0, 6)).rejects.toThrow(MissingNodeError);
  });

  describe('what a proof does not bind (why checkpoints sign size and root together)', () => {
    it('an inclusion proof for leaf 0 of 5 also verifies as leaf 0 of 7: same shape', async () => {
      const { store, leaves } = await treeOf(5);
      const proof = await inclusionProof(store, 0, 5);
      const root = await treeRoot(store, 5);
      expect(() => verifyInclusion(0, 7, leaves[0]!, proof, root)).not.toThrow();
      expect(() => verifyInclusion(0, 9, leaves[0]!, proof, root)).toThrow();
    });

    it('a consistency proof from 4 to 8 also verifies as 4 to 6: same shape', async () => {
      const { store } = await treeOf(8);
      const proof = await consistencyProof(store, 4, 8);
      const [root4, root8] = [await treeRoot(store, 4), await treeRoot(store, 8)];
      expect(() => verifyConsistency(4, 6, proof, root4, root8)).not.toThrow();
      expect(() => verifyConsistency(3, 8, proof, root4, root8)).toThrow();
    });
  });
});

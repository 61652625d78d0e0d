import { createHash } from 'node:crypto';
import { hashLeaf } from '../audit/merkle/hashing';
import { MemoryHashStore } from '../audit/merkle/testing/memory-hash-store';
import { appendLeaf, treeRoot } from '../audit/merkle/merkle-tree';
import { MerkleFrontier } from './merkle-frontier';

describe('MerkleFrontier', () => {
  it('has the root of the stored tree at every size from 0 to 130', async () => {
    const store = new MemoryHashStore();
    const frontier = new MerkleFrontier();
    expect(frontier.root()).toEqual(await treeRoot(store, 0));
    for (let size = 0; size < 130; size++) {
      const leaf = hashLeaf(createHash('sha256').update(String(size)).digest());
      await appendLeaf(store, size, leaf);
      frontier.append(leaf);
      expect(frontier.size).toBe(size + 1);
      expect(frontier.root().toString('hex')).toBe(
        (await treeRoot(store, size + 1)).toString('hex'),
      );
    }
  });
});

import { emptyTreeRoot, foldRight, hashChildren } from './hashing';
import type { HashStore, StoredNode } from './hash-store.port';
import { type NodeId, nodeKey, subtreesCovering } from './node-id';
import { planConsistencyProof, planInclusionProof, type ProofPlan } from './proof-plan';

/**
 * Appends leaf number `size` (0-based) to a log of `size` leaves: stores its hash and the
 * complete subtrees it closes, reading only their left siblings (one per trailing 1-bit of
 * `size`). Returns the new size.
 */
export async function appendLeaf(
  store: HashStore,
  size: number,
  leafHash: Uint8Array,
): Promise<number> {
  const siblings: NodeId[] = [];
  for (let level = 0, index = size; index % 2 === 1; level++, index = (index - 1) / 2) {
    siblings.push({ level, index: index - 1 });
  }
  const siblingHashes = await store.readNodes(siblings);
  const nodes: StoredNode[] = [{ level: 0, index: size, hash: leafHash }];
  let hash: Uint8Array = leafHash;
  siblings.forEach((sibling, i) => {
    hash = hashChildren(siblingHashes[i]!, hash);
    nodes.push({ level: sibling.level + 1, index: sibling.index / 2, hash });
  });
  await store.writeNodes(nodes);
  return size + 1;
}

/** MTH(D[0:size]), the root of the first `size` leaves. */
export async function treeRoot(store: HashStore, size: number): Promise<Buffer> {
  if (size === 0) return emptyTreeRoot();
  const nodes = subtreesCovering(0, size);
  return foldRight(await store.readNodes(nodes));
}

/** The RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves. */
export async function inclusionProof(
  store: HashStore,
  index: number,
  size: number,
): Promise<Buffer[]> {
  return buildProof(store, planInclusionProof(index, size));
}

/** The RFC 9162 consistency proof from the tree of `size1` leaves to that of `size2` (≥ 1). */
export async function consistencyProof(
  store: HashStore,
  size1: number,
  size2: number,
): Promise<Buffer[]> {
  return buildProof(store, planConsistencyProof(size1, size2));
}

async function buildProof(store: HashStore, plan: ProofPlan): Promise<Buffer[]> {
  const unique = new Map<string, NodeId>();
  for (const id of plan.flat()) unique.set(nodeKey(id), id);
  const ids = [...unique.values()];
  const hashes = await store.readNodes(ids);
  const byKey = new Map(ids.map((id, i) => [nodeKey(id), hashes[i]!] as const));
  return plan.map((element) => foldRight(element.map((id) => byKey.get(nodeKey(id))!)));
}

import type { NodeId } from './node-id';

export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

/**
 * Where one log keeps the hashes of its complete subtrees (leaf hashes at level 0). Each
 * append stores the leaf and the at most log2(n) subtrees it completes; a root or a proof
 * reads at most 2·log2(n) of them, in one call.
 */
export interface HashStore {
  /** The hashes of `ids`, in the same order; throws `MissingNodeError` for a node never stored. */
  readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
  /** Stores new nodes. A node is written once and never changes. */
  writeNodes(nodes: readonly StoredNode[]): Promise<void>;
}

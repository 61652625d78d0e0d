import type { HashStore, StoredNode } from './hash-store.port';
import { MissingNodeError } from './merkle.errors';
import { type NodeId, nodeKey } from './node-id';

/** A `HashStore` in a map, for tests and for verifying an exported log in memory. */
export class MemoryHashStore implements HashStore {
  private readonly nodes = new Map<string, Uint8Array>();
  /** How many node hashes have been read, to check that proofs stay logarithmic. */
  nodesRead = 0;

  readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.nodesRead += ids.length;
    return Promise.resolve(
      ids.map((id) => {
        const hash = this.nodes.get(nodeKey(id));
        if (hash === undefined) throw new MissingNodeError(id.level, id.index);
        return hash;
      }),
    );
  }

  writeNodes(nodes: readonly StoredNode[]): Promise<void> {
    for (const node of nodes) this.nodes.set(nodeKey(node), Uint8Array.from(node.hash));
    return Promise.resolve();
  }

  get size(): number {
    return this.nodes.size;
  }
}

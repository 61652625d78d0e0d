import type { NodeId } from '../node-id';
import { MapHashStore } from '../map-hash-store';

/** A `MapHashStore` that counts what it reads, for tests and benchmarks of a tree in memory. */
export class MemoryHashStore extends MapHashStore {
  /** How many node hashes have been read, to check that proofs stay logarithmic. */
  nodesRead = 0;

  override readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.nodesRead += ids.length;
    return super.readNodes(ids);
  }

  get size(): number {
    return this.nodes.size;
  }
}

import type { HashStore, StoredNode } from './hash-store.port';
import { MissingNodeError } from './merkle.errors';
import { type NodeId, nodeKey } from './node-id';

/**
 * A `HashStore` in a map keyed by `nodeKey`, optionally seeded with nodes read elsewhere. A
 * batch of appends uses one to hold a log's frontier plus what it appends, handing each new
 * node to `onWrite` so the batch can insert them all at the end.
 */
export class MapHashStore implements HashStore {
  constructor(
    protected readonly nodes = new Map<string, Uint8Array>(),
    private readonly onWrite: (node: StoredNode) => void = () => undefined,
  ) {}

  readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return Promise.resolve(
      ids.map((id) => {
        const hash = this.nodes.get(nodeKey(id));
        if (hash === undefined) throw new MissingNodeError(id.level, id.index);
        return hash;
      }),
    );
  }

  writeNodes(nodes: readonly StoredNode[]): Promise<void> {
    for (const node of nodes) {
      this.nodes.set(nodeKey(node), node.hash);
      this.onWrite(node);
    }
    return Promise.resolve();
  }
}

import type { RecordedEvent } from '../../event-store/event-store.port';
import { type ChainLink, leafHashOf } from '../leaf';

/** The latest leaf of a stream in a log: where the stream's next leaf links to. */
export interface StreamHead {
  readonly leafIndex: number;
  readonly leafHash: Uint8Array;
}

/** A leaf as the log appends it: the link it commits to (none in format 1) and its hash. */
export interface ChainedLeaf {
  readonly link: ChainLink | undefined;
  readonly hash: Buffer;
}

/** The key of a stream's head: a stream chains within the log its events join. */
export function headKey(log: string, streamName: string): string {
  return JSON.stringify([log, streamName]);
}

/**
 * Turns events into leaves the way the audit log appends them (docs/adr/0041): a leaf at an
 * index below its log's pin is format 1, as every leaf was before chaining; from the pin on,
 * format 2, linked to the previous leaf of the same stream in the same log (whatever its
 * format), or `'first'`. Every stream chains — subjects, the policy, API keys, processors,
 * system streams — so the rule has no list of streams to keep up to date.
 *
 * Pure and in memory: the projection loads the heads a batch needs and writes back the
 * ones that moved; the backup's re-hash keeps them all.
 */
export class StreamChains {
  private readonly moved = new Set<string>();

  constructor(
    /** The first leaf index of the log that is chained (the log's pin). */
    private readonly chainedFrom: (log: string) => number,
    private readonly heads = new Map<string, StreamHead>(),
  ) {}

  /** The leaf of `event` at `index` of `log`; the stream's head moves to it. */
  next(event: RecordedEvent, log: string, index: number): ChainedLeaf {
    const key = headKey(log, event.streamName);
    const link = index < this.chainedFrom(log) ? undefined : linkTo(this.heads.get(key));
    const hash = leafHashOf(event, link);
    this.heads.set(key, { leafIndex: index, leafHash: hash });
    this.moved.add(key);
    return { link, hash };
  }

  /** The heads that moved since the chains were made, by key. */
  movedHeads(): Map<string, StreamHead> {
    return new Map([...this.moved].map((key) => [key, this.heads.get(key)!]));
  }
}

function linkTo(head: StreamHead | undefined): ChainLink {
  if (head === undefined) return 'first';
  return { leafIndex: head.leafIndex, leafHash: Buffer.from(head.leafHash).toString('hex') };
}

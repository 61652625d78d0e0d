import type { ChainLink } from '../leaf';
import type { VerificationFailure } from './verification-failure';

/** An event of the bundle as the chain check sees it: its leaf, recomputed, and its link. */
export interface ChainEntry {
  /** Names the event in failures (`event <id> (position <p>)`). */
  readonly concerns: string;
  readonly streamName: string;
  readonly leafIndex: number;
  /** The leaf recomputed from the event and its link, as lower-case hex. */
  readonly leafHash: string;
  /** Undefined for a format-1 leaf. */
  readonly link: ChainLink | undefined;
}

/** What the chains of a bundle show, once it is read whole. */
export interface ChainSummary {
  /** Streams the bundle holds events of. */
  readonly streams: number;
  /**
   * Streams whose events in the bundle link, each to the one before it, back to an event
   * marked first of its stream: none of their earlier events can have been left out.
   */
  readonly fromFirst: number;
}

interface StreamState {
  /** The latest leaf of the stream the bundle held so far. */
  head: { readonly leafIndex: number; readonly leafHash: string };
  /** Its first event in the bundle is marked first, and every link since held. */
  fromFirst: boolean;
}

/** The first event of a stream in the bundle links to a leaf the bundle does not hold. */
interface OpenStart {
  readonly entry: ChainEntry;
  readonly linkedLeaf: number;
}

/**
 * Checks that each stream's events in a bundle form an unbroken hash chain (docs/adr/0041):
 * every chained (format-2) leaf links to the previous leaf of its stream, which the bundle
 * must hold with the very hash it links to, or is marked the first of its stream. A left-out
 * first or middle event therefore shows, named by the leaf that links to it. Streams are
 * checked as the bundle is read (in leaf order, which the feed-order check enforces),
 * keeping one head per stream.
 *
 * A left-out *last* event links to nothing the bundle holds, so it does not show here: that
 * needs checkpoints that commit to every stream's head (issue #18 item 2).
 *
 * Pure: hashes arrive as hex, computed by the caller.
 */
export class ChainCheck {
  private readonly streams = new Map<string, StreamState>();
  private readonly openStarts: OpenStart[] = [];
  /** The first chained leaf seen: a log never goes back to format 1 after it. */
  private firstChained: number | undefined;

  /** The problems of the next event's leaf (nothing when its link holds, or is open). */
  next(entry: ChainEntry): string[] {
    const problems: string[] = [];
    const state = this.streams.get(entry.streamName);
    const { link, leafIndex } = entry;
    let linked = false;
    if (link === undefined) {
      if (this.firstChained !== undefined && leafIndex > this.firstChained) {
        problems.push(
          `leaf ${leafIndex} is format 1 (unchained) after leaf ${this.firstChained} of format 2: a log never goes back to unchained leaves`,
        );
      }
    } else {
      this.firstChained ??= leafIndex;
      if (link === 'first') {
        if (state !== undefined) {
          problems.push(
            `its leaf ${leafIndex} is marked the first of stream ${entry.streamName}, but the bundle holds leaf ${state.head.leafIndex} of that stream before it`,
          );
        }
        linked = state === undefined;
      } else if (link.leafIndex >= leafIndex) {
        problems.push(
          `its leaf ${leafIndex} links to leaf ${link.leafIndex}, which is not before it`,
        );
      } else if (state === undefined) {
        this.openStarts.push({ entry, linkedLeaf: link.leafIndex });
      } else {
        const problem = linkProblem(entry, link, state.head);
        if (problem === undefined) linked = state.fromFirst;
        else problems.push(problem);
      }
    }
    this.streams.set(entry.streamName, {
      head: { leafIndex, leafHash: entry.leafHash },
      fromFirst: linked,
    });
    return problems;
  }

  /**
   * What the whole bundle shows: first events of streams that link to a leaf the bundle
   * does not hold fail, except (time-range bundles) links to leaves before `spanFirst`,
   * where the range starts and the stream's earlier events rightly are not.
   */
  finish(spanFirst?: number): { failures: VerificationFailure[]; summary: ChainSummary } {
    const failures = this.openStarts
      .filter(({ linkedLeaf }) => spanFirst === undefined || linkedLeaf >= spanFirst)
      .map(({ entry, linkedLeaf }) => ({
        concerns: entry.concerns,
        message: missing(entry, linkedLeaf),
      }));
    let fromFirst = 0;
    for (const state of this.streams.values()) if (state.fromFirst) fromFirst += 1;
    return { failures, summary: { streams: this.streams.size, fromFirst } };
  }
}

function linkProblem(
  entry: ChainEntry,
  link: Exclude<ChainLink, 'first'>,
  head: StreamState['head'],
): string | undefined {
  if (link.leafIndex === head.leafIndex) {
    return link.leafHash === head.leafHash
      ? undefined
      : `its leaf ${entry.leafIndex} links to leaf ${link.leafIndex} of stream ${entry.streamName} with a hash that is not the hash of the leaf the bundle holds there`;
  }
  if (link.leafIndex > head.leafIndex) return missing(entry, link.leafIndex);
  return `its leaf ${entry.leafIndex} links to leaf ${link.leafIndex}, past leaf ${head.leafIndex} of stream ${entry.streamName} that the bundle holds: that leaf is not in the stream's chain`;
}

function missing(entry: ChainEntry, linkedLeaf: number): string {
  return `the event at leaf ${entry.leafIndex} links to leaf ${linkedLeaf}, the previous event of stream ${entry.streamName}, which the bundle does not hold: an event of the stream was left out`;
}

/** Lower-case hex of bytes, without Node's Buffer (the verifier also runs in browsers). */
export function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

import { leafHashOf, UnexpectedPersonalFieldError } from '../leaf';
import { ProofVerificationError } from '../merkle/merkle.errors';
import { verifyInclusion } from '../merkle/verify-inclusion';
import type { Checkpoint } from '../note/checkpoint';
import type { ParsedEntry } from './bundle-entry';

interface CheckedLeaf {
  readonly problems: string[];
  /** The leaf recomputed from the event and its link; undefined when none can be. */
  readonly leafHash?: Uint8Array;
}

/**
 * Recomputes the event's leaf from the event itself and the link the bundle gives for it
 * (docs/adr/0011's envelope, 0041's chained format) and checks that the bundle's proof leads
 * from that leaf, at its index, to the checkpoint's root. Returns what failed (nothing when
 * it verifies) and the leaf. A changed byte anywhere in what the leaf commits to — its link
 * included — a moved event or another index all lead to another root.
 */
export function checkLeaf(entry: ParsedEntry, checkpoint: Checkpoint | undefined): CheckedLeaf {
  let leafHash: Buffer;
  try {
    leafHash = leafHashOf(entry.event, entry.link);
  } catch (error) {
    if (!(error instanceof UnexpectedPersonalFieldError)) throw error;
    return { problems: [`no leaf can be computed: ${error.message}`] };
  }
  if (entry.leafIndex === null) {
    return {
      problems: [
        "the service's audit log holds no leaf for this event: it is not provably in the log",
      ],
      leafHash,
    };
  }
  if (checkpoint === undefined) return { problems: [], leafHash };
  try {
    verifyInclusion(entry.leafIndex, checkpoint.size, leafHash, entry.proof, checkpoint.rootHash);
    return { problems: [], leafHash };
  } catch (error) {
    if (!(error instanceof ProofVerificationError)) throw error;
    return {
      problems: [
        `leaf ${entry.leafIndex} recomputed from the event is not in the checkpoint's tree of ${checkpoint.size} leaves (${error.message})`,
      ],
      leafHash,
    };
  }
}

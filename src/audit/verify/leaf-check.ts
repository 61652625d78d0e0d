import { leafHashOf, UnexpectedPersonalFieldError } from '../leaf';
import { ProofVerificationError } from '../merkle/merkle.errors';
import { verifyInclusion } from '../merkle/verify-inclusion';
import type { Checkpoint } from '../note/checkpoint';
import type { ParsedEntry } from './bundle-entry';

/**
 * Recomputes the event's leaf from the event itself (docs/adr/0011's envelope) and checks
 * that the bundle's proof leads from that leaf, at its index, to the checkpoint's root.
 * Returns what failed, nothing when it verifies. A changed byte anywhere in what the leaf
 * commits to, a moved event or another index all lead to another root.
 */
export function checkLeaf(entry: ParsedEntry, checkpoint: Checkpoint | undefined): string[] {
  let leafHash: Buffer;
  try {
    leafHash = leafHashOf(entry.event);
  } catch (error) {
    if (!(error instanceof UnexpectedPersonalFieldError)) throw error;
    return [`no leaf can be computed: ${error.message}`];
  }
  if (entry.leafIndex === null) {
    return ["the service's audit log holds no leaf for this event: it is not provably in the log"];
  }
  if (checkpoint === undefined) return [];
  try {
    verifyInclusion(entry.leafIndex, checkpoint.size, leafHash, entry.proof, checkpoint.rootHash);
    return [];
  } catch (error) {
    if (!(error instanceof ProofVerificationError)) throw error;
    return [
      `leaf ${entry.leafIndex} recomputed from the event is not in the checkpoint's tree of ${checkpoint.size} leaves (${error.message})`,
    ];
  }
}

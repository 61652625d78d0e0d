import { verifyConsistency } from '../../../src/audit/merkle/verify-consistency';
import { openCheckpoint, type Checkpoint } from '../../../src/audit/note/checkpoint';
import type { NoteVerifier } from '../../../src/audit/note/note-keys';
import type { HttpTarget } from '../../support/http-target';

/**
 * Every checkpoint an auditor saw during the run must still hold for the final tree: it
 * verifies with the log's key, the service still serves the same root for its size, and
 * a consistency proof from it to the final checkpoint verifies. A kill that lost or
 * rewrote a leaf already signed would fail here. Returns the problems found.
 */
export async function checkpointProblems(
  target: HttpTarget,
  seenNotes: Iterable<string>,
  finalNote: string,
  verifier: NoteVerifier,
): Promise<string[]> {
  const problems: string[] = [];
  const final = openCheckpoint(finalNote, verifier);
  for (const note of seenNotes) {
    let seen: Checkpoint;
    try {
      seen = openCheckpoint(note, verifier);
    } catch (error) {
      problems.push(`a published checkpoint does not verify: ${String(error)}`);
      continue;
    }
    // Every tree extends the empty one; there is nothing to prove (RFC 9162 refuses it).
    if (seen.size === 0n) continue;
    if (seen.size > final.size) {
      problems.push(`checkpoint of size ${seen.size} is beyond the final size ${final.size}`);
      continue;
    }
    const stored = await target.get(`/v1/audit/checkpoints/${seen.size}`);
    if (stored.statusCode !== 200) {
      problems.push(`checkpoint of size ${seen.size} is no longer served (${stored.statusCode})`);
    } else if (!openCheckpoint(stored.body, verifier).rootHash.equals(seen.rootHash)) {
      problems.push(`the root of size ${seen.size} changed since it was published`);
    }
    const answer = await target.get(
      `/v1/audit/proofs/consistency?from=${seen.size}&to=${final.size}`,
    );
    if (answer.statusCode !== 200) {
      problems.push(`no consistency proof ${seen.size} → ${final.size} (${answer.statusCode})`);
      continue;
    }
    const proof = (JSON.parse(answer.body) as { proof: string[] }).proof.map((hash) =>
      Buffer.from(hash, 'base64'),
    );
    try {
      verifyConsistency(seen.size, final.size, proof, seen.rootHash, final.rootHash);
    } catch (error) {
      problems.push(`consistency ${seen.size} → ${final.size} fails: ${String(error)}`);
    }
  }
  return problems;
}

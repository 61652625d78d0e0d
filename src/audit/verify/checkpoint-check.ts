import { type Checkpoint, openCheckpoint, parseCheckpoint } from '../note/checkpoint';
import type { NoteVerifier } from '../note/note-keys';
import { NoteError } from '../note/note.errors';
import { parseNote } from '../note/signed-note';
import type { BundleHeader } from '../export/export-bundle';
import type { VerificationFailure } from './verification-failure';

interface CheckedCheckpoint {
  /** Size and root to check the proofs against: from the note, trusted only if `signed`. */
  readonly checkpoint?: Checkpoint;
  readonly failures: readonly VerificationFailure[];
}

/**
 * Checks the bundle's checkpoint with the auditor's verifier key: the key is the log's
 * (its name is the bundle's origin, which names the bundle's tenant), the note carries a
 * valid signature by that key (name and key id), and the checkpoint is of that origin.
 *
 * When something fails, the checkpoint is still parsed if it can be, so that every proof is
 * checked against it and the report lists everything; the bundle fails either way.
 */
export function checkCheckpoint(header: BundleHeader, key: NoteVerifier): CheckedCheckpoint {
  const failures: VerificationFailure[] = [];
  const fail = (message: string) => failures.push({ concerns: 'checkpoint', message });
  if (key.name !== header.origin) {
    fail(`the verifier key is for the log ${key.name}, the bundle for the log ${header.origin}`);
  }
  if (!header.origin.endsWith(`/${header.tenant}`)) {
    fail(`the origin ${header.origin} is not a log of the tenant ${header.tenant}`);
  }
  try {
    return { checkpoint: openCheckpoint(header.checkpoint.note, key, header.origin), failures };
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    fail(`the signed checkpoint does not verify with the key: ${error.message}`);
  }
  try {
    return { checkpoint: parseCheckpoint(parseNote(header.checkpoint.note).text), failures };
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    fail('no tree size and root can be read from it: no inclusion proof can be checked');
    return { failures };
  }
}

import { readFileSync, statSync } from 'node:fs';
import { type NoteVerifier, parseVerifierKey } from '../note/note-keys';
import { NoteError } from '../note/note.errors';
import { UnusableInputError } from './unusable-input.error';

/** Longer than any verifier key file: a larger file is not one. */
const MAX_KEY_FILE_BYTES = 4096;

/**
 * The auditor's trust anchor: verifier key text (`<origin>+<key id>+<base64 key>`), given
 * as such or as the path of a file that holds it. Throws `UnusableInputError` otherwise.
 */
export function readVerifierKey(keyOrFile: string): NoteVerifier {
  const text = isFile(keyOrFile) ? readKeyFile(keyOrFile) : keyOrFile;
  try {
    return parseVerifierKey(text.trim());
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    throw new UnusableInputError(
      `the key is neither verifier key text nor a file holding it: ${error.message}`,
    );
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readKeyFile(path: string): string {
  try {
    if (statSync(path).size > MAX_KEY_FILE_BYTES) {
      throw new UnusableInputError(`${path} is too large to be a verifier key file`);
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UnusableInputError(`cannot read the key file ${path}: ${code}`);
  }
}

import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { prepareKeysDir } from '../../keys';
import { createOwnerOnlyFile, isAlreadyThere } from '../../shared/files/owner-only-file';
import { NoteError } from '../note/note.errors';
import { formatSignerKey, generateEd25519Seed, parseSignerKey } from '../note/note-keys';
import { CheckpointSigningKey } from './checkpoint-signing-key';

/** The signing key file is missing, readable by others, or not a signer key. */
export class SigningKeyFileError extends Error {
  override readonly name = 'SigningKeyFileError';
}

interface SigningKeyFileSettings {
  readonly file: string;
  /** Generate a key when the file is missing (the default file); otherwise refuse to start. */
  readonly createIfMissing: boolean;
  /** The key's own name in the file, when generated (the origin host). */
  readonly name: string;
}

const MAX_FILE_BYTES = 4096;
const GROUP_OR_OTHER_BITS = 0o077;

/**
 * Loads the checkpoint signing key, generating it on first start when allowed. The file holds
 * signer key text in Go's sumdb/note format (`PRIVATE+KEY+<name>+<key id>+<base64>`); its name
 * is a label, since each log signs under its own origin.
 */
export function loadSigningKeyFile(settings: SigningKeyFileSettings): {
  key: CheckpointSigningKey;
  created: boolean;
} {
  let text: string | undefined;
  let created = false;
  try {
    text = readKeyText(settings.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw error;
    if (!settings.createIfMissing) {
      throw new SigningKeyFileError(
        `the checkpoint signing key file ${settings.file} does not exist (CHECKPOINT_SIGNING_KEY_FILE)`,
      );
    }
  }
  if (text === undefined) {
    const newText = `${formatSignerKey(settings.name, generateEd25519Seed())}\n`;
    created = createKeyFile(settings.file, newText);
    text = created ? newText : readKeyText(settings.file);
  }
  try {
    const parsed = parseSignerKey(text.replace(/\n$/, ''));
    return { key: new CheckpointSigningKey(parsed.privateKey, parsed.publicKey), created };
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    throw new SigningKeyFileError(
      `the checkpoint signing key file ${settings.file} is not an Ed25519 signer key: ${error.message}`,
    );
  }
}

/** Refuses a file that group or others may access: the key would no longer be this service's. */
function readKeyText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    const mode = stat.mode & 0o777;
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) {
      throw new SigningKeyFileError(`${path} is not a checkpoint signing key file`);
    }
    if ((mode & GROUP_OR_OTHER_BITS) !== 0) {
      throw new SigningKeyFileError(
        `the checkpoint signing key file ${path} is accessible by group or others (mode ${mode.toString(8).padStart(4, '0')}); make it owner-only with: chmod 600 ${path}`,
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Creates the key file, never replacing one. False when another process created it first. */
function createKeyFile(path: string, text: string): boolean {
  prepareKeysDir(dirname(path));
  try {
    createOwnerOnlyFile(path, text);
    return true;
  } catch (error) {
    if (isAlreadyThere(error)) return false;
    throw error;
  }
}

import type { NoteSigner, NoteVerifier } from './note-keys';
import { MalformedNoteError, NoteSignatureError } from './note.errors';
import { decodeNote, isNoteSafe, isValidKeyName } from './note-text';
import { decodeStrictBase64 } from './strict-base64';

/** Start of every signature line: em dash (U+2014) and a space. */
const SIGNATURE_PREFIX = '\u2014 ';
/** More signature lines than this is an attack, not a note (Go's sumdb/note uses the same). */
const MAX_SIGNATURES = 100;
const KEY_ID_BYTES = 4;

interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature proper, without the key id. */
  readonly signature: Buffer;
}

interface OpenedNote {
  /** The signed text, final newline included. */
  readonly text: string;
  /** Signatures by the given verifiers; all of them verified. */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys not given, ignored as the spec requires. */
  readonly unknown: readonly NoteSignature[];
}

/**
 * Signs `text` (which ends in a newline) by every signer: the text, a blank line, then one
 * line `— <name> base64(key id || signature)` per signer (C2SP signed-note).
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n') || !isNoteSafe(text)) {
    throw new MalformedNoteError(
      'a note text ends in a newline and holds no control characters other than newlines',
    );
  }
  if (signers.length === 0) throw new MalformedNoteError('a signed note needs a signer');
  const bytes = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new MalformedNoteError('invalid signer key name');
    const keyId = Buffer.alloc(KEY_ID_BYTES);
    keyId.writeUInt32BE(signer.keyId);
    const signature = Buffer.concat([keyId, signer.sign(bytes)]).toString('base64');
    return `${SIGNATURE_PREFIX}${signer.name} ${signature}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Parses a signed note and verifies it against trusted keys: every signature by a given key
 * (same name and key id) must verify and at least one must be present; signatures by other
 * keys are ignored. Throws `MalformedNoteError` or `NoteSignatureError`.
 */
export function openNote(
  message: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): OpenedNote {
  const { text, signatures } = parseNote(message);
  const textBytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const signature of signatures) {
    const verifier = verifiers.find(
      (v) => v.name === signature.name && v.keyId === signature.keyId,
    );
    if (verifier === undefined) {
      unknown.push(signature);
      continue;
    }
    // A key that signed twice is checked once, as Go's sumdb/note does.
    if (verified.some((s) => s.name === signature.name && s.keyId === signature.keyId)) continue;
    if (!verifier.verify(textBytes, signature.signature)) {
      throw new NoteSignatureError(`the signature by ${signature.name} does not verify`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) {
    throw new NoteSignatureError('the note carries no signature by a trusted key');
  }
  return { text, verified, unknown };
}

/** Splits a note into its text and signatures without verifying anything. */
export function parseNote(message: string | Uint8Array): {
  text: string;
  signatures: NoteSignature[];
} {
  const note = decodeNote(message);
  if (note === undefined || !isNoteSafe(note)) {
    throw new MalformedNoteError('a note is UTF-8 without control characters other than newlines');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError('a note has a blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) {
    throw new MalformedNoteError('a note ends with newline-terminated signature lines');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    throw new MalformedNoteError(`a note carries at most ${MAX_SIGNATURES} signatures`);
  }
  return { text, signatures: lines.map(parseSignatureLine) };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw new MalformedNoteError('a signature line starts with an em dash and a space');
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const bytes = space < 0 ? undefined : decodeStrictBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || bytes === undefined || bytes.length <= KEY_ID_BYTES) {
    throw new MalformedNoteError('a signature line is "— <key name> <base64 signature>"');
  }
  return {
    name,
    keyId: bytes.readUInt32BE(0),
    signature: bytes.subarray(KEY_ID_BYTES),
  };
}

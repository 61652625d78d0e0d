import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ed25519Verifier,
  formatVerifierKey,
  type NoteVerifier,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import { formatKeyId } from '../../src/audit/note/note-key-id';
import {
  InvalidNoteKeyError,
  NoteError,
  NoteSignatureError,
} from '../../src/audit/note/note.errors';
import { openNote } from '../../src/audit/note/signed-note';
import { TESTDATA_DIR } from './support/testdata';

/** The example of the C2SP signed-note spec (signed-note/v1.0.0), from test/fixtures. */
const C2SP = join(TESTDATA_DIR, 'c2sp');
const note = readFileSync(join(C2SP, 'example.note'));
const vkey = readFileSync(join(C2SP, 'example.vkey'), 'utf8').trim();

describe('C2SP signed-note example', () => {
  const verifier = parseVerifierKey(vkey);

  it('parses the verifier key: name, key id 530d903a, Ed25519', () => {
    expect(verifier.name).toBe('example.com/foo');
    expect(formatKeyId(verifier.keyId)).toBe('530d903a');
  });

  it('verifies example.note with example.vkey', () => {
    const opened = openNote(note, [verifier]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified.map((s) => s.name)).toEqual(['example.com/foo']);
    expect(opened.unknown).toEqual([]);
  });

  it('re-formats the verifier key to the same text', () => {
    const publicKey = Buffer.from(vkey.split('+')[2]!, 'base64').subarray(1);
    expect(formatVerifierKey('example.com/foo', publicKey)).toBe(vkey);
  });

  it('refuses every single-byte change of the note, text and signature alike', () => {
    const accepted: string[] = [];
    let refused = 0;
    for (let at = 0; at < note.length; at++) {
      for (let value = 0; value < 256; value++) {
        if (value === note[at]) continue;
        const changed = Buffer.from(note);
        changed[at] = value;
        try {
          openNote(changed, [verifier]);
          accepted.push(`byte ${at} = 0x${value.toString(16)}`);
        } catch (error) {
          if (!(error instanceof NoteError)) throw error;
          refused += 1;
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(refused).toBe(note.length * 255);
  });

  it('refuses the note under a wrong key name, even with the right public key', () => {
    const publicKey = Buffer.from(vkey.split('+')[2]!, 'base64').subarray(1);
    const renamed = parseVerifierKey(formatVerifierKey('example.com/bar', publicKey));
    expect(() => openNote(note, [renamed])).toThrow(NoteSignatureError);
  });

  it('refuses verifier key text whose key id does not match the key', () => {
    const wrongId = vkey.replace('+530d903a+', '+530d903b+');
    expect(() => parseVerifierKey(wrongId)).toThrow(InvalidNoteKeyError);
  });

  it('ignores a signature whose key id is not the trusted one, so the note is unverified', () => {
    const wrongId: NoteVerifier = { ...verifier, keyId: verifier.keyId ^ 1 };
    expect(() => openNote(note, [wrongId])).toThrow(NoteSignatureError);
  });

  it('refuses the note when the trusted name and key id come with another public key', () => {
    const other = ed25519Verifier('example.com/foo', Buffer.alloc(32, 7));
    const impostor: NoteVerifier = { ...other, keyId: verifier.keyId };
    expect(() => openNote(note, [impostor])).toThrow(NoteSignatureError);
  });
});

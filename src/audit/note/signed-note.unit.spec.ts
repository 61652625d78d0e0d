import { ed25519PrivateKey, ed25519PublicKeyBytes } from './ed25519';
import { ed25519Signer, ed25519Verifier } from './note-keys';
import { MalformedNoteError, NoteSignatureError } from './note.errors';
import { openNote, parseNote, signNote } from './signed-note';

const keyA = ed25519PrivateKey(Buffer.alloc(32, 0xa));
const keyB = ed25519PrivateKey(Buffer.alloc(32, 0xb));
const signerA = ed25519Signer('logs.example/a', keyA);
const signerB = ed25519Signer('logs.example/b', keyB);
const verifierA = ed25519Verifier('logs.example/a', ed25519PublicKeyBytes(keyA));
const verifierB = ed25519Verifier('logs.example/b', ed25519PublicKeyBytes(keyB));

describe('signed notes', () => {
  it('signs and opens a note, with an empty line inside the text', () => {
    const note = signNote('first\n\nthird — café\n', [signerA]);
    expect(note).toMatch(/^first\n\nthird — café\n\n— logs\.example\/a [A-Za-z0-9+/]+=*\n$/);
    const opened = openNote(note, [verifierA]);
    expect(opened.text).toBe('first\n\nthird — café\n');
  });

  it('is deterministic: Ed25519 signs the same text the same way', () => {
    expect(signNote('x\n', [signerA])).toBe(signNote('x\n', [signerA]));
  });

  it('ignores signatures of unknown keys but needs one by a trusted key', () => {
    const note = signNote('text\n', [signerA, signerB]);
    const opened = openNote(note, [verifierB]);
    expect(opened.verified.map((s) => s.name)).toEqual(['logs.example/b']);
    expect(opened.unknown.map((s) => s.name)).toEqual(['logs.example/a']);
    expect(() => openNote(signNote('text\n', [signerA]), [verifierB])).toThrow(NoteSignatureError);
  });

  it('refuses the whole note when a trusted key signature fails, whatever else verifies', () => {
    const good = signNote('text\n', [signerA]);
    const forged = signNote('other\n', [signerB]).split('\n\n')[1]!;
    const note = `${good}${forged}`;
    expect(() => openNote(note, [verifierA, verifierB])).toThrow(NoteSignatureError);
  });

  it.each([
    ['no blank line', '— logs.example/a AAAAAAAA\n'],
    ['no signature lines', 'text\n\n'],
    ['no final newline', 'text\n\n— logs.example/a AAAAAAAA'],
    ['a line without the em dash', 'text\n\n- logs.example/a AAAAAAAA\n'],
    ['a signature of four bytes only', 'text\n\n— logs.example/a AAAAAA==\n'],
    ['a key name with a plus', 'text\n\n— logs+a AAAAAAAA\n'],
    ['a tab', 'te\txt\n\n— logs.example/a AAAAAAAA\n'],
    ['a carriage return', 'text\r\n\n— logs.example/a AAAAAAAA\n'],
    ['an unpadded signature', 'text\n\n— logs.example/a AAAAAAA\n'],
  ])('refuses a note with %s', (_case, note) => {
    expect(() => parseNote(note)).toThrow(MalformedNoteError);
  });

  it('refuses bytes that are not UTF-8 and keeps a BOM as part of the text', () => {
    const note = Buffer.from(signNote('\uFEFFtext\n', [signerA]));
    expect(openNote(note, [verifierA]).text).toBe('\uFEFFtext\n');
    expect(() => parseNote(Buffer.concat([Buffer.of(0xff), note]))).toThrow(MalformedNoteError);
  });

  it('refuses more than 100 signature lines', () => {
    const line = signNote('t\n', [signerA]).split('\n\n')[1]!;
    expect(() => parseNote(`t\n\n${line.repeat(101)}`)).toThrow(MalformedNoteError);
    expect(parseNote(`t\n\n${line.repeat(100)}`).signatures).toHaveLength(100);
  });

  it('refuses to sign text that could not be opened again', () => {
    expect(() => signNote('no newline', [signerA])).toThrow(MalformedNoteError);
    expect(() => signNote('bell\u0007\n', [signerA])).toThrow(MalformedNoteError);
    expect(() => signNote('ok\n', [])).toThrow(MalformedNoteError);
  });
});

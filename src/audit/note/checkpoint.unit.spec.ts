import { ed25519PrivateKey, ed25519PublicKeyBytes } from './ed25519';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from './checkpoint';
import { ed25519Signer, ed25519Verifier } from './note-keys';
import { MalformedCheckpointError, NoteSignatureError } from './note.errors';
import { signNote } from './signed-note';

const root = Buffer.alloc(32, 0x5a);
const rootText = root.toString('base64');

describe('tlog checkpoints', () => {
  it('formats origin, decimal size and base64 root, one per line', () => {
    expect(
      formatCheckpoint({ origin: 'ledger.example/acme', size: 20852163, rootHash: root }),
    ).toBe(`ledger.example/acme\n20852163\n${rootText}\n`);
  });

  it('parses what it formats, extension lines included, and sizes up to 2^64 − 1', () => {
    const text = formatCheckpoint({
      origin: 'o',
      size: 18446744073709551615n,
      rootHash: root,
      extensions: ['ext one', 'ext two'],
    });
    expect(parseCheckpoint(text)).toEqual({
      origin: 'o',
      size: 18446744073709551615n,
      rootHash: root,
      extensions: ['ext one', 'ext two'],
    });
    expect(parseCheckpoint(`o\n0\n${rootText}\n`).size).toBe(0n);
  });

  it.each([
    ['two lines', `o\n1\n`],
    ['no final newline', `o\n1\n${rootText}`],
    ['an empty origin', `\n1\n${rootText}\n`],
    ['a leading zero', `o\n01\n${rootText}\n`],
    ['a signed size', `o\n+1\n${rootText}\n`],
    ['a size of 2^64', `o\n18446744073709551616\n${rootText}\n`],
    ['a space after the size', `o\n1 \n${rootText}\n`],
    ['a 31-byte root', `o\n1\n${Buffer.alloc(31).toString('base64')}\n`],
    ['an unpadded root', `o\n1\n${rootText.replace(/=+$/, '')}\n`],
    ['base64url', `o\n1\n${Buffer.alloc(32, 0xfb).toString('base64url')}=\n`],
    ['an empty extension line', `o\n1\n${rootText}\n\next\n`],
    ['a carriage return', `o\r\n1\n${rootText}\n`],
  ])('refuses text with %s', (_case, text) => {
    expect(() => parseCheckpoint(text)).toThrow(MalformedCheckpointError);
  });

  it('opens a signed checkpoint with the key named after its origin, and no other', () => {
    const key = ed25519PrivateKey(Buffer.alloc(32, 3));
    const text = formatCheckpoint({ origin: 'ledger.example/acme', size: 3, rootHash: root });
    const note = signNote(text, [ed25519Signer('ledger.example/acme', key)]);
    const verifier = ed25519Verifier('ledger.example/acme', ed25519PublicKeyBytes(key));
    expect(openCheckpoint(note, verifier).size).toBe(3n);
    expect(() => openCheckpoint(note, verifier, 'ledger.example/other')).toThrow(
      MalformedCheckpointError,
    );
    const otherName = ed25519Verifier('ledger.example/other', ed25519PublicKeyBytes(key));
    expect(() => openCheckpoint(note, otherName)).toThrow(NoteSignatureError);
  });
});

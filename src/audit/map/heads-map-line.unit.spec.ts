import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCheckpoint } from '../note/checkpoint';
import { ed25519PrivateKey, ed25519PublicKeyBytes } from '../note/ed25519';
import { ed25519Signer, ed25519Verifier, parseVerifierKey } from '../note/note-keys';
import { NoteSignatureError } from '../note/note.errors';
import { openCheckpoint, openNote, signNote as signNoteWith } from '../note';
import { HeadsMap, headsMapLine, headsMapRootOf, MalformedMapInputError } from './index';

const origin = 'ledger.example/acme';
const key = ed25519PrivateKey(Buffer.alloc(32, 7));
const verifier = ed25519Verifier(origin, ed25519PublicKeyBytes(key));
const c2sp = join(__dirname, '../../../test/fixtures/c2sp');

function mapRoot(): Buffer {
  const map = new HeadsMap();
  map.set('subject-1', { leafIndex: 4, leafHash: Buffer.alloc(32, 1), eventCount: 2 });
  return map.root();
}

describe('the heads map root in a checkpoint (docs/adr/0047)', () => {
  it('is an extension line after the root line, and the signed checkpoint still verifies', () => {
    const root = mapRoot();
    const text = formatCheckpoint({
      origin,
      size: 5,
      rootHash: Buffer.alloc(32, 0x5a),
      extensions: [headsMapLine(root)],
    });
    expect(text.split('\n')[3]).toBe(`consent-ledger/heads-map/v1 ${root.toString('base64')}`);
    const note = signNote(text);
    const checkpoint = openCheckpoint(note, verifier);
    expect(headsMapRootOf(checkpoint.extensions)).toEqual(root);
    // A client that knows nothing of checkpoints or the line verifies the note as it is.
    expect(openNote(note, [verifier]).verified.map((s) => s.name)).toEqual([origin]);
  });

  it('is covered by the signature: another root breaks it', () => {
    const line = headsMapLine(mapRoot());
    const text = formatCheckpoint({
      origin,
      size: 5,
      rootHash: Buffer.alloc(32),
      extensions: [line],
    });
    const forged = signNote(text).replace(line, headsMapLine(Buffer.alloc(32, 9)));
    expect(() => openCheckpoint(forged, verifier)).toThrow(NoteSignatureError);
  });

  it('leaves the C2SP signed-note example verifying with the same verifier', () => {
    const vkey = readFileSync(join(c2sp, 'example.vkey'), 'utf8').trim();
    const opened = openNote(readFileSync(join(c2sp, 'example.note')), [parseVerifierKey(vkey)]);
    expect(opened.verified).toHaveLength(1);
  });

  it('is absent from checkpoints signed before the map, and refused twice or malformed', () => {
    const line = headsMapLine(mapRoot());
    expect(headsMapRootOf([])).toBeUndefined();
    expect(headsMapRootOf(['other/ext AAAA'])).toBeUndefined();
    expect(() => headsMapRootOf([line, line])).toThrow(MalformedMapInputError);
    expect(() => headsMapRootOf(['consent-ledger/heads-map/v1 AAAA'])).toThrow(
      MalformedMapInputError,
    );
    expect(() => headsMapLine(Buffer.alloc(31))).toThrow(MalformedMapInputError);
  });
});

function signNote(text: string): string {
  return signNoteWith(text, [ed25519Signer(origin, key)]);
}

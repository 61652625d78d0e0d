import { ed25519PrivateKey } from './ed25519';
import {
  ed25519Signer,
  formatSignerKey,
  formatVerifierKey,
  generateEd25519Seed,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys';
import { formatKeyId } from './note-key-id';
import { InvalidNoteKeyError } from './note.errors';

const seed = Buffer.alloc(32, 1);

describe('note keys', () => {
  it('writes signer keys in the Go sumdb/note format and reads them back', () => {
    const text = formatSignerKey('ledger.example/acme', seed);
    expect(text).toMatch(/^PRIVATE\+KEY\+ledger\.example\/acme\+[0-9a-f]{8}\+AQ[A-Za-z0-9+/]{42}$/);
    const parsed = parseSignerKey(text);
    expect(parsed.name).toBe('ledger.example/acme');
    const signer = ed25519Signer(parsed.name, parsed.privateKey);
    expect(text).toContain(`+${formatKeyId(signer.keyId)}+`);
    const verifier = parseVerifierKey(formatVerifierKey(parsed.name, parsed.publicKey));
    expect(verifier.keyId).toBe(signer.keyId);
    const message = Buffer.from('hello\n');
    expect(verifier.verify(message, signer.sign(message))).toBe(true);
    expect(verifier.verify(Buffer.from('hellO\n'), signer.sign(message))).toBe(false);
  });

  it('gives one key a different key id under each name', () => {
    const key = ed25519PrivateKey(generateEd25519Seed());
    expect(ed25519Signer('h/a', key).keyId).not.toBe(ed25519Signer('h/b', key).keyId);
  });

  it.each([
    ['no plus signs', 'example.com'],
    ['a bad name', 'exa mple+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['an empty name', '+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['a short key id', 'example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['a non-hex key id', 'example.com/foo+530d903g+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['a short key', 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2'],
    [
      'non-canonical base64',
      'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2l',
    ],
    ['another algorithm', 'example.com/foo+530d903a+AukyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    [
      'a key id of another key',
      'example.com/foo+00000000+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
    ],
  ])('refuses verifier key text with %s', (_case, text) => {
    expect(() => parseVerifierKey(text)).toThrow(InvalidNoteKeyError);
  });

  it('refuses signer key text without PRIVATE+KEY or with a key id of another key', () => {
    const text = formatSignerKey('ledger.example', seed);
    expect(() => parseSignerKey(text.replace('PRIVATE+KEY', 'PUBLIC+KEY'))).toThrow(
      InvalidNoteKeyError,
    );
    const [, , name, , key] = text.split('+');
    expect(() => parseSignerKey(`PRIVATE+KEY+${name}+00000000+${key}`)).toThrow(
      InvalidNoteKeyError,
    );
  });
});

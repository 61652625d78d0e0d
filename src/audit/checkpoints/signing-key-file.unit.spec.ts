import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVerifierKey } from '../note/note-keys';
import { openNote, signNote } from '../note/signed-note';
import { loadSigningKeyFile, SigningKeyFileError } from './signing-key-file';

describe('checkpoint signing key file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-signing-key-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates an owner-only Go sumdb/note signer key once, then reads the same key', () => {
    const file = join(dir, 'keys', 'checkpoint-signing.key');
    const first = loadSigningKeyFile({ file, createIfMissing: true, name: 'ledger.test' });
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^PRIVATE\+KEY\+ledger\.test\+[0-9a-f]{8}\+\S{44}\n$/,
    );
    const again = loadSigningKeyFile({ file, createIfMissing: true, name: 'ledger.test' });
    expect(again.created).toBe(false);
    expect(again.key.publicKey).toEqual(first.key.publicKey);
    const origin = 'ledger.test/acme';
    const note = signNote('hello\n', [first.key.signerFor(origin)]);
    expect(() =>
      openNote(note, [parseVerifierKey(again.key.verifierKeyFor(origin))]),
    ).not.toThrow();
  });

  it('refuses to invent a key when a named file is missing', () => {
    const file = join(dir, 'missing.key');
    expect(() => loadSigningKeyFile({ file, createIfMissing: false, name: 'h' })).toThrow(
      SigningKeyFileError,
    );
  });

  it('refuses a key file that group or others can read', () => {
    const file = join(dir, 'checkpoint-signing.key');
    loadSigningKeyFile({ file, createIfMissing: true, name: 'h' });
    chmodSync(file, 0o640);
    expect(() => loadSigningKeyFile({ file, createIfMissing: true, name: 'h' })).toThrow(
      /accessible by group or others .*chmod 600/,
    );
  });

  it('refuses a file that is not a signer key, without printing its content', () => {
    const file = join(dir, 'checkpoint-signing.key');
    writeFileSync(file, 'PRIVATE+KEY+h+00000000+c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n', {
      mode: 0o600,
    });
    const load = () => loadSigningKeyFile({ file, createIfMissing: true, name: 'h' });
    expect(load).toThrow(SigningKeyFileError);
    expect(load).not.toThrow(/c2VjcmV0/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSigningKey } from '../audit/checkpoints/checkpoint-signing-key';
import { formatCheckpoint } from '../audit/note/checkpoint';
import { ed25519PrivateKey, ed25519PublicKeyBytes } from '../audit/note/ed25519';
import { generateEd25519Seed } from '../audit/note/note-keys';
import { signNote } from '../audit/note/signed-note';
import { BackupUsageError } from './backup.errors';
import { readCheckpointFile } from './checkpoint-files';

function signingKey(): CheckpointSigningKey {
  const privateKey = ed25519PrivateKey(generateEd25519Seed());
  return new CheckpointSigningKey(privateKey, ed25519PublicKeyBytes(privateKey));
}

describe('checkpoint files given to restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-checkpoint-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ours = signingKey();
  const root = Buffer.alloc(32, 7);

  function note(origin: string, key = ours): string {
    const path = join(dir, `${Math.random()}.checkpoint`);
    writeFileSync(
      path,
      signNote(formatCheckpoint({ origin, size: 42, rootHash: root }), [key.signerFor(origin)]),
    );
    return path;
  }

  it('reads a checkpoint this ledger signed: its log, size and root', () => {
    const path = note('ledger.example/acme');
    expect(readCheckpointFile(path, 'ledger.example', [ours.publicKey])).toEqual({
      log: 'acme',
      size: 42,
      root,
      source: `checkpoint file ${path}`,
    });
  });

  it('refuses one signed by another key', () => {
    const path = note('ledger.example/acme', signingKey());
    expect(() => readCheckpointFile(path, 'ledger.example', [ours.publicKey])).toThrow(
      "no signature on it verifies with this ledger's checkpoint signing key",
    );
  });

  it('refuses one of another ledger', () => {
    const path = note('elsewhere.example/acme');
    expect(() => readCheckpointFile(path, 'ledger.example', [ours.publicKey])).toThrow(
      'its origin elsewhere.example/acme is not a log of this ledger',
    );
  });

  it('refuses what is no signed note, and a missing file', () => {
    const path = join(dir, 'text');
    writeFileSync(path, 'hello\n');
    expect(() => readCheckpointFile(path, 'ledger.example', [ours.publicKey])).toThrow(
      BackupUsageError,
    );
    expect(() =>
      readCheckpointFile(join(dir, 'missing'), 'ledger.example', [ours.publicKey]),
    ).toThrow(BackupUsageError);
  });
});

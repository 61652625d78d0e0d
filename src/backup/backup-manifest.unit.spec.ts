import { BackupIntegrityError } from './backup.errors';
import {
  type BackupManifest,
  formatManifest,
  MANIFEST_FORMAT,
  parseManifest,
} from './backup-manifest';

const manifest: BackupManifest = {
  format: MANIFEST_FORMAT,
  tool: { name: 'consent-ledger', version: '0.1.0', node: 'v24.0.0' },
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  steps: [
    {
      kind: 'sqlite',
      roles: ['event-store'],
      file: 'events.sqlite',
      takenAt: '2026-01-01T00:00:00.500Z',
    },
  ],
  files: [
    { area: 'stores', name: 'events.sqlite', kind: 'sqlite', bytes: 4096, sha256: 'a'.repeat(64) },
    {
      area: 'secrets',
      name: 'kek-000001-0123abcd.key',
      kind: 'kek',
      bytes: 32,
      sha256: 'b'.repeat(64),
    },
  ],
  eventStore: { head: '12', events: 12 },
  logs: [{ log: 'default', size: 12, root: 'cm9vdA==' }],
  checkpoints: [],
  projections: [{ name: 'audit_log', position: '10' }],
  keks: { copied: ['kek-000001-0123abcd'], inUse: ['kek-000001-0123abcd'] },
};

describe('the backup manifest', () => {
  it('reads back what was written', () => {
    expect(parseManifest(formatManifest(manifest))).toEqual(manifest);
  });

  it.each([
    ['another format', { format: 'something/1' }, 'not a consent-ledger backup manifest'],
    [
      'a file name that leaves its directory',
      { files: [{ ...manifest.files[0], name: '../events.sqlite' }] },
      'files[0].name',
    ],
    [
      'a size that is not a count',
      { files: [{ ...manifest.files[0], bytes: -1 }] },
      'files[0].bytes',
    ],
    ['a malformed hash', { files: [{ ...manifest.files[0], sha256: 'xyz' }] }, 'files[0].sha256'],
    ['a head that is not decimal', { eventStore: { head: '0x10', events: 1 } }, 'eventStore.head'],
    [
      'an unknown role',
      { steps: [{ ...manifest.steps[0], roles: ['cache'] }] },
      'steps[0].roles[0]',
    ],
    [
      'a store copy without its file',
      { steps: [{ ...manifest.steps[0], file: 'read.sqlite' }] },
      'read.sqlite',
    ],
  ])('refuses %s, naming the field', (_name, change, message) => {
    const text = JSON.stringify({ ...manifest, ...change });
    expect(() => parseManifest(text)).toThrow(BackupIntegrityError);
    expect(() => parseManifest(text)).toThrow(message);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseManifest('{')).toThrow('manifest.json is not JSON');
  });
});

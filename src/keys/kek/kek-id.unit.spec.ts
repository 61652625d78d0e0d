import { compareKekIds, kekFileName, kekIdOfFile, nextKekId } from './kek-id';

describe('embedded KEK ids', () => {
  it('starts at sequence 1 and counts up from the highest, with a random suffix', () => {
    const first = nextKekId([]);
    expect(first).toMatch(/^kek-000001-[0-9a-f]{8}$/);
    expect(nextKekId(['kek-000001-aaaaaaaa', 'kek-000007-bbbbbbbb'])).toMatch(/^kek-000008-/);
    expect(nextKekId([])).not.toBe(first);
  });

  it('orders newest first, by sequence and then by id', () => {
    const ids = ['kek-000002-aaaaaaaa', 'kek-000010-00000000', 'kek-000002-bbbbbbbb'];
    expect([...ids].sort(compareKekIds)).toEqual([
      'kek-000010-00000000',
      'kek-000002-bbbbbbbb',
      'kek-000002-aaaaaaaa',
    ]);
  });

  it('maps ids to file names and back, ignoring every other file', () => {
    expect(kekIdOfFile(kekFileName('kek-000003-0a1b2c3d'))).toBe('kek-000003-0a1b2c3d');
    expect(kekIdOfFile('lookup-secret.key')).toBeUndefined();
    expect(kekIdOfFile('.kek-000003-0a1b2c3d.key.1234.tmp')).toBeUndefined();
    expect(kekIdOfFile('kek-1.key')).toBeUndefined();
  });
});

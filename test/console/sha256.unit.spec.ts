import { createHash, randomBytes } from 'node:crypto';
import { Sha256 } from '../../src/console/verify/sha256';

/** The console's synchronous SHA-256 (docs/adr/0045) against node:crypto's. */
describe('the console SHA-256', () => {
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

  it('hashes the empty input and "abc" as FIPS 180-4 says', () => {
    expect(hex(new Sha256().digest())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(new Sha256().update(Buffer.from('abc')).digest())).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('equals node:crypto on every length around the block boundaries, fed in pieces', () => {
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length);
      const cut = Math.floor(length / 3);
      const ours = new Sha256().update(data.subarray(0, cut)).update(data.subarray(cut)).digest();
      expect(hex(ours)).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

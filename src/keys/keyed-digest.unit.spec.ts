import { createHmac, randomBytes } from 'node:crypto';
import { keyedDigest } from './keyed-digest';

const secret = randomBytes(32);

describe('keyedDigest', () => {
  it('is HMAC-SHA256 of the parts joined by a 0x00 byte', () => {
    const expected = createHmac('sha256', secret)
      .update(Buffer.from('tenant-a\u0000user-42', 'utf8'))
      .digest();
    expect(keyedDigest(secret, 'tenant-a', 'user-42').equals(expected)).toBe(true);
  });

  it('matches RFC 4231 test case 6 (one part, a key longer than a block)', () => {
    const key = Buffer.alloc(131, 0xaa);
    const digest = keyedDigest(key, 'Test Using Larger Than Block-Size Key - Hash Key First');
    expect(digest.toString('hex')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('depends on the secret, the tenant and where the parts split', () => {
    const base = keyedDigest(secret, 'tenant-a', 'user-42');
    expect(keyedDigest(randomBytes(32), 'tenant-a', 'user-42').equals(base)).toBe(false);
    expect(keyedDigest(secret, 'tenant-b', 'user-42').equals(base)).toBe(false);
    expect(keyedDigest(secret, 'tenant-au', 'ser-42').equals(base)).toBe(false);
  });

  it.each([
    ['a NUL inside a part', ['a\u0000b', 'c']],
    ['a lone surrogate', ['tenant', 'user-\udc00']],
    ['no parts at all', []],
  ])('refuses %s', (_, parts: string[]) => {
    expect(() => keyedDigest(secret, ...parts)).toThrow(RangeError);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => keyedDigest(randomBytes(16), 'a')).toThrow(RangeError);
  });
});

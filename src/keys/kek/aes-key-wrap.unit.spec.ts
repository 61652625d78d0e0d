import { aesKeyUnwrap, aesKeyWrap } from './aes-key-wrap';

const KEK = Buffer.from('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', 'hex');

/** RFC 3394 §4.3 and §4.6: a 256-bit KEK wrapping 128 and 256 bits of key data. */
const VECTORS = [
  {
    name: '§4.3 (128-bit key data)',
    keyData: '00112233445566778899AABBCCDDEEFF',
    wrapped: '64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7',
  },
  {
    name: '§4.6 (256-bit key data)',
    keyData: '00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F',
    wrapped: '28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21',
  },
];

describe('AES-256 key wrap (RFC 3394)', () => {
  it.each(VECTORS)('matches RFC 3394 $name', ({ keyData, wrapped }) => {
    const data = Buffer.from(keyData, 'hex');
    expect(aesKeyWrap(KEK, data).toString('hex').toUpperCase()).toBe(wrapped);
    expect(aesKeyUnwrap(KEK, Buffer.from(wrapped, 'hex'))?.equals(data)).toBe(true);
  });

  it('fails the integrity check for another KEK or any altered byte', () => {
    const wrapped = Buffer.from(VECTORS[1]!.wrapped, 'hex');
    const otherKek = Buffer.from(KEK);
    otherKek[31]! ^= 1;
    expect(aesKeyUnwrap(otherKek, wrapped)).toBeUndefined();
    for (let i = 0; i < wrapped.length; i++) {
      const altered = Buffer.from(wrapped);
      altered[i]! ^= 0x10;
      expect(aesKeyUnwrap(KEK, altered)).toBeUndefined();
    }
  });

  it('rejects lengths the algorithm does not define', () => {
    expect(aesKeyUnwrap(KEK, Buffer.alloc(39))).toBeUndefined();
    expect(aesKeyUnwrap(KEK, Buffer.alloc(16))).toBeUndefined();
    expect(() => aesKeyWrap(KEK, Buffer.alloc(20))).toThrow(RangeError);
  });
});

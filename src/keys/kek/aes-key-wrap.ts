import { createCipheriv, createDecipheriv } from 'node:crypto';

/** RFC 3394 §2.2.3.1: the default initial value, checked on unwrap as the integrity check. */
const DEFAULT_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const ALGORITHM = 'id-aes256-wrap';

/** AES-256 key wrap (RFC 3394, NIST SP 800-38F "KW"): deterministic, no nonce to manage. */
export function aesKeyWrap(kek: Buffer, keyData: Buffer): Buffer {
  if (keyData.length < 16 || keyData.length % 8 !== 0) {
    throw new RangeError('AES key wrap takes key data of at least 16 bytes, in 8-byte blocks');
  }
  const cipher = createCipheriv(ALGORITHM, kek, DEFAULT_IV);
  return Buffer.concat([cipher.update(keyData), cipher.final()]);
}

/** The unwrapped key data, or `undefined` when the integrity check fails (wrong KEK, altered). */
export function aesKeyUnwrap(kek: Buffer, wrapped: Buffer): Buffer | undefined {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, kek, DEFAULT_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return undefined;
  }
}

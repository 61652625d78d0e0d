import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign as signWith,
  verify as verifyWith,
} from 'node:crypto';

export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

/** The fixed PKCS #8 header of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from its 32-byte seed (what RFC 8032 calls the private key). */
export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_SEED_BYTES) {
    throw new RangeError(`an Ed25519 seed is ${ED25519_SEED_BYTES} bytes`);
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_HEADER, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new RangeError(`an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes`);
  }
  const x = Buffer.from(publicKey).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The 32-byte public key (RFC 8032 encoding) of a private or public Ed25519 key. */
export function ed25519PublicKeyBytes(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new TypeError('not an Ed25519 key');
  return Buffer.from(x, 'base64url');
}

export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Buffer {
  return signWith(null, message, privateKey);
}

export function ed25519Verify(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  return verifyWith(null, message, publicKey, signature);
}

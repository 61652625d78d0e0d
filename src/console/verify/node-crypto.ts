import { Buffer } from 'buffer';
import { Sha256 } from './sha256';

/**
 * What the verifier's core (src/audit/verify, merkle, note) asks of `node:crypto`, for the
 * browser: bin/build-console.js maps `node:crypto` here (docs/adr/0045), so the console runs
 * the one implementation `consent-ledger verify` runs. Hashing is synchronous SHA-256.
 * Ed25519 verification in the browser (WebCrypto) is asynchronous while the core asks
 * synchronously: `verify` answers from signatures checked beforehand by
 * `checkAskedSignatures`, and records what it could not answer (as invalid) so that a
 * first pass over the bundle's header learns which signatures to check.
 */

interface BrowserKey {
  readonly type: 'public';
  readonly raw: Uint8Array;
}

const answers = new Map<string, boolean>();
interface AskedSignature {
  readonly raw: Uint8Array<ArrayBuffer>;
  readonly message: Uint8Array<ArrayBuffer>;
  readonly signature: Uint8Array<ArrayBuffer>;
}
const asked = new Map<string, AskedSignature>();

/** `createHash('sha256')`: updates with bytes or UTF-8 text; the digest as bytes or text. */
export function createHash(algorithm: string): {
  update(data: Uint8Array | string, encoding?: string): unknown;
  digest(): Buffer;
  digest(encoding: 'hex' | 'base64'): string;
} {
  if (algorithm !== 'sha256') throw new Error(`${algorithm} is not available in the browser`);
  const hash = new Sha256();
  const self = {
    update(data: Uint8Array | string, encoding: string = 'utf8') {
      if (typeof data === 'string' && encoding !== 'utf8' && encoding !== 'utf-8') {
        throw new Error(`hashing ${encoding} text is not available in the browser`);
      }
      hash.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return self;
    },
    digest: ((encoding?: 'hex' | 'base64') => {
      const bytes = Buffer.from(hash.digest());
      return encoding === undefined ? bytes : bytes.toString(encoding);
    }) as { (): Buffer; (encoding: 'hex' | 'base64'): string },
  };
  return self;
}

export function createPublicKey(input: {
  key: { kty: string; crv: string; x: string };
}): BrowserKey {
  if (input.key.kty !== 'OKP' || input.key.crv !== 'Ed25519') {
    throw new Error('only Ed25519 public keys are available in the browser');
  }
  const base64 = input.key.x.replaceAll('-', '+').replaceAll('_', '/');
  return { type: 'public', raw: Buffer.from(base64, 'base64') };
}

export function verify(
  algorithm: null,
  message: Uint8Array,
  key: BrowserKey,
  signature: Uint8Array,
): boolean {
  const id = [key.raw, message, signature]
    .map((bytes) => Buffer.from(bytes).toString('hex'))
    .join('/');
  const answer = answers.get(id);
  if (answer !== undefined) return answer;
  // Copies: WebCrypto reads ArrayBuffer-backed bytes only.
  asked.set(id, {
    raw: Uint8Array.from(key.raw),
    message: Uint8Array.from(message),
    signature: Uint8Array.from(signature),
  });
  return false;
}

/** Checks, with WebCrypto's Ed25519, every signature `verify` was asked about and could not answer. */
export async function checkAskedSignatures(): Promise<void> {
  const pending = [...asked.entries()];
  asked.clear();
  for (const [id, { raw, message, signature }] of pending) {
    const key = await crypto.subtle.importKey('raw', raw, 'Ed25519', false, ['verify']);
    answers.set(id, await crypto.subtle.verify('Ed25519', key, signature, message));
  }
}

function unavailable(): never {
  throw new Error('signing and private keys are not available in the browser console');
}
export const createPrivateKey = unavailable;
export const sign = unavailable;
export const randomBytes = unavailable;
export type KeyObject = BrowserKey;

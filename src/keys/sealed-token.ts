import { DataKey } from './data-key';
import { SealedValueRejectedError } from './keys.errors';

export const TOKEN_VERSION = 'v1';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** The parts of `v1.<keyId>.<base64url(iv)>.<base64url(ciphertext || tag)>`. */
interface SealedTokenParts {
  readonly version: string;
  readonly keyId: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function formatSealedToken(parts: Omit<SealedTokenParts, 'version'>): string {
  const payload = Buffer.concat([parts.ciphertext, parts.tag]).toString('base64url');
  return `${TOKEN_VERSION}.${parts.keyId}.${parts.iv.toString('base64url')}.${payload}`;
}

/**
 * Splits a token strictly: exactly four parts, canonical unpadded base64url, a 12-byte IV and
 * at least a full 16-byte tag. Errors say which part is wrong and never repeat the token.
 */
export function parseSealedToken(token: string): SealedTokenParts {
  const parts = token.split('.');
  if (parts.length !== 4) {
    throw malformed(`expected 4 dot-separated parts, got ${parts.length}`);
  }
  const [version, keyId, ivText, payloadText] = parts as [string, string, string, string];
  if (version !== TOKEN_VERSION) {
    throw new SealedValueRejectedError(
      'unsupported-version',
      /^v\d{1,3}$/.test(version)
        ? `sealed value version ${version} is not supported (this build reads ${TOKEN_VERSION})`
        : 'the sealed value does not start with a version',
    );
  }
  if (!DataKey.isKeyId(keyId)) throw malformed('the key id is not 11 base64url characters');
  const iv = decodeCanonical(ivText, 'the IV');
  if (iv.length !== IV_BYTES) throw malformed(`the IV is not ${IV_BYTES} bytes`);
  const payload = decodeCanonical(payloadText, 'the ciphertext');
  if (payload.length < TAG_BYTES) {
    throw malformed(`the ciphertext is shorter than its ${TAG_BYTES}-byte tag`);
  }
  const tagStart = payload.length - TAG_BYTES;
  return {
    version,
    keyId,
    iv,
    ciphertext: payload.subarray(0, tagStart),
    tag: payload.subarray(tagStart),
  };
}

/** Node's base64url decoder skips junk; re-encoding catches it, so one value has one token. */
function decodeCanonical(text: string, what: string): Buffer {
  const bytes = BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
  if (bytes === undefined || bytes.toString('base64url') !== text) {
    throw malformed(`${what} is not canonical base64url`);
  }
  return bytes;
}

function malformed(detail: string): SealedValueRejectedError {
  return new SealedValueRejectedError('malformed', `the sealed value is malformed: ${detail}`);
}

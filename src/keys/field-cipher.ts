import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { asSealed, type SealedValue } from '../shared/domain/sealed-value';
import type { DataKey } from './data-key';
import type { FieldContext } from './field-context';
import { sealedFieldAad } from './field-context';
import { SealedValueRejectedError, UnsealablePlaintextError } from './keys.errors';
import {
  formatSealedToken,
  IV_BYTES,
  parseSealedToken,
  TAG_BYTES,
  TOKEN_VERSION,
} from './sealed-token';

export { sealedDigest } from '../shared/domain/sealed-digest';

const ALGORITHM = 'aes-256-gcm';
/** A lone surrogate would come back as U+FFFD: refuse it rather than change the value. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Encrypts one personal field with the subject's data key: AES-256-GCM, a fresh random
 * 12-byte IV per call, a 16-byte tag, and the token's header plus `context` as AAD.
 */
export function sealField(plaintext: string, key: DataKey, context: FieldContext): SealedValue {
  if (LONE_SURROGATE.test(plaintext)) throw new UnsealablePlaintextError(context.field);
  const iv = randomBytes(IV_BYTES);
  const raw = key.bytes;
  try {
    const cipher = createCipheriv(ALGORITHM, raw, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(sealedFieldAad(TOKEN_VERSION, key.keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return asSealed(formatSealedToken({ keyId: key.keyId, iv, ciphertext, tag }));
  } finally {
    raw.fill(0);
  }
}

/**
 * Decrypts a token sealed by `sealField` for the same key and context. Throws
 * `SealedValueRejectedError` (never echoing the token) when it is malformed, of another
 * version or key, altered, or moved to another tenant, subject or field.
 */
export function openField(sealed: SealedValue, key: DataKey, context: FieldContext): string {
  const token = parseSealedToken(sealed);
  if (token.keyId !== key.keyId) {
    throw new SealedValueRejectedError(
      'wrong-key',
      `the sealed value was sealed with data key ${token.keyId}, not with ${key.keyId}`,
    );
  }
  const raw = key.bytes;
  try {
    // authTagLength pins the tag at 16 bytes: setAuthTag refuses a shorter one.
    const decipher = createDecipheriv(ALGORITHM, raw, token.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(sealedFieldAad(token.version, token.keyId, context));
    decipher.setAuthTag(token.tag);
    return Buffer.concat([decipher.update(token.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueRejectedError(
      'not-authentic',
      `the sealed value does not open as ${context.field} of this subject: it was altered, or sealed for another tenant, subject or field`,
    );
  } finally {
    raw.fill(0);
  }
}

import { createHmac } from 'node:crypto';

const MIN_SECRET_BYTES = 32;
const SEPARATOR = Buffer.from([0]);
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * HMAC-SHA256 over the parts joined by a 0x00 byte: the keyed hash that stands in for a
 * personal value wherever the service must find it again (the subject lookup, request
 * fingerprints). Without the secret, a digest cannot be tested against guessed values.
 * A part may not contain U+0000, so different part lists never join to the same bytes, nor a
 * lone surrogate, which UTF-8 would turn into U+FFFD and so merge with another value.
 */
export function keyedDigest(secret: Buffer, ...parts: readonly string[]): Buffer {
  if (secret.length < MIN_SECRET_BYTES) {
    throw new RangeError(`a keyed-digest secret is at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (parts.length === 0) throw new RangeError('a keyed digest needs at least one part');
  const hmac = createHmac('sha256', secret);
  parts.forEach((part, index) => {
    if (part.includes('\u0000')) {
      throw new RangeError(`part ${index} of a keyed digest contains U+0000`);
    }
    if (LONE_SURROGATE.test(part)) {
      throw new RangeError(`part ${index} of a keyed digest is not well-formed Unicode`);
    }
    if (index > 0) hmac.update(SEPARATOR);
    hmac.update(part, 'utf8');
  });
  return hmac.digest();
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedDigest } from '../../keys';
import type { ApiKeyToken } from '../domain/api-key-token';

/** A fresh key: a random 64-bit id and a 256-bit secret. */
export function generateApiKey(tenantId: string): ApiKeyToken {
  return {
    tenantId,
    keyId: randomBytes(8).toString('hex'),
    secret: randomBytes(32).toString('base64url'),
  };
}

/**
 * What the log keeps of a key's secret. Keyed with the service's lookup secret, so that even
 * an export of the log gives nothing to test guesses against offline.
 */
export function secretDigestOf(lookupSecret: Buffer, token: ApiKeyToken): string {
  return keyedDigest(
    lookupSecret,
    'api-key/v1',
    token.tenantId,
    token.keyId,
    token.secret,
  ).toString('hex');
}

export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

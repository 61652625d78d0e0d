import { createHash } from 'node:crypto';
import type { SealedValue } from './sealed-value';

/**
 * Hex SHA-256 of the token's bytes. The audit log commits to this instead of the field, so a
 * leaf still verifies after the data key is destroyed or the ciphertext is redacted.
 */
export function sealedDigest(sealed: SealedValue): string {
  return createHash('sha256').update(sealed, 'utf8').digest('hex');
}

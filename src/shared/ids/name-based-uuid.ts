import { createHash } from 'node:crypto';

/**
 * An RFC 9562 version-8 (custom) UUID over the first 122 bits of SHA-256 of `name`: the same
 * name always gives the same id, so anything derived from the ledger can be derived again.
 * Callers prefix the name with what it identifies (`consent-ledger/<kind>/v1`).
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha256').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

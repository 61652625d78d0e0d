import { HASH_BYTES } from './hashing';
import { ProofVerificationError } from './merkle.errors';

/**
 * A leaf index or tree size as a verifier receives it. RFC 9162 and C2SP checkpoints define
 * them as unsigned 64-bit integers, so verifiers take bigints; safe-integer numbers are
 * accepted for convenience.
 */
export type TreeCoordinate = bigint | number;

const UINT64_END = 1n << 64n;

export function toUint64(value: TreeCoordinate, what: string): bigint {
  const big = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof big !== 'bigint' || big < 0n || big >= UINT64_END) {
    throw new ProofVerificationError(`${what} must be an unsigned 64-bit integer`);
  }
  return big;
}

export function assertHashSize(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_BYTES) {
    throw new ProofVerificationError(`${what} is ${hash.length} bytes, not ${HASH_BYTES}`);
  }
}

export function isOdd(value: bigint): boolean {
  return (value & 1n) === 1n;
}

import { HASH_BYTES } from '../merkle/hashing';
import { MalformedMapInputError } from './map.errors';

/** What the map holds per stream: where its last leaf is and how many leaves it has. */
export interface StreamHeadValue {
  readonly leafIndex: number;
  readonly leafHash: Uint8Array;
  /** The stream's leaves in the log up to this tree size, at least 1. */
  readonly eventCount: number;
}

/** leafIndex (8) ‖ leafHash (32) ‖ eventCount (8). */
export const HEAD_VALUE_BYTES = 8 + HASH_BYTES + 8;

/** The canonical bytes of a head: fixed width, unsigned big-endian integers. */
export function encodeHeadValue(head: StreamHeadValue): Buffer {
  if (!Number.isSafeInteger(head.leafIndex) || head.leafIndex < 0) {
    throw new MalformedMapInputError('leafIndex is a non-negative safe integer');
  }
  if (!Number.isSafeInteger(head.eventCount) || head.eventCount < 1) {
    throw new MalformedMapInputError('eventCount is a positive safe integer');
  }
  if (head.eventCount > head.leafIndex + 1) {
    throw new MalformedMapInputError('eventCount is at most leafIndex + 1');
  }
  if (head.leafHash.length !== HASH_BYTES) {
    throw new MalformedMapInputError(`leafHash is ${HASH_BYTES} bytes`);
  }
  const bytes = Buffer.alloc(HEAD_VALUE_BYTES);
  bytes.writeBigUInt64BE(BigInt(head.leafIndex), 0);
  Buffer.from(head.leafHash).copy(bytes, 8);
  bytes.writeBigUInt64BE(BigInt(head.eventCount), 8 + HASH_BYTES);
  return bytes;
}

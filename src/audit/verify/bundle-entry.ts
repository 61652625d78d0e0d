import type { JsonObject, RecordedEvent } from '../../event-store/event-store.port';
import { isCanonicalInstant } from '../../shared/time/canonical-instant';
import { CHAINED_LEAF_FORMAT, type ChainLink } from '../leaf';
import { HASH_BYTES } from '../merkle/hashing';
import { decodeStrictBase64 } from '../note/strict-base64';

/** An event line of a bundle, checked and turned back into the event the store recorded. */
export interface ParsedEntry {
  readonly event: RecordedEvent;
  /** Decimal, as in the bundle. */
  readonly position: string;
  readonly leafIndex: number | null;
  readonly proof: readonly Buffer[];
  /** The link a chained (format-2) leaf commits to; undefined for a format-1 leaf. */
  readonly link: ChainLink | undefined;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Checks the shape of an event line and rebuilds the recorded event from it. Returns the
 * problems instead when the line is not a well-formed entry; each names the field, never a
 * value (values may be personal data, even sealed).
 */
export function parseEntry(line: Record<string, unknown>): ParsedEntry | { problems: string[] } {
  const problems: string[] = [];
  const event = isObject(line.event) ? line.event : {};
  if (!isObject(line.event)) problems.push('event is not an object');
  const { id, type, streamName, streamRevision, globalPosition, recordedAt, data, metadata } =
    event;
  if (typeof id !== 'string') problems.push('event.id is not a string');
  if (typeof type !== 'string') problems.push('event.type is not a string');
  if (typeof streamName !== 'string') problems.push('event.streamName is not a string');
  if (!isCount(streamRevision)) {
    problems.push('event.streamRevision is not a non-negative integer');
  }
  if (typeof globalPosition !== 'string' || !DECIMAL.test(globalPosition)) {
    problems.push('event.globalPosition is not a decimal string');
  }
  if (typeof recordedAt !== 'string' || !isCanonicalInstant(recordedAt)) {
    problems.push('event.recordedAt is not an ISO 8601 instant as Date#toISOString writes it');
  }
  if (!isObject(data)) problems.push('event.data is not an object');
  if (!isObject(metadata)) problems.push('event.metadata is not an object');
  const leafIndex = line.leafIndex;
  if (leafIndex !== null && !isCount(leafIndex)) {
    problems.push('leafIndex is neither null nor a non-negative integer');
  }
  const proof = proofOf(line.inclusionProof);
  if (proof === undefined) {
    problems.push(`inclusionProof is not a list of base64 ${HASH_BYTES}-byte hashes`);
  }
  const link = linkOf(line, problems);
  if (problems.length > 0 || proof === undefined) return { problems };
  return {
    event: {
      id: id as string,
      type: type as string,
      streamName: streamName as string,
      streamRevision: streamRevision as number,
      globalPosition: BigInt(globalPosition as string),
      recordedAt: new Date(recordedAt as string),
      data: data as JsonObject,
      metadata: metadata as JsonObject,
    },
    position: globalPosition as string,
    leafIndex: leafIndex as number | null,
    proof,
    link,
  };
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** `leafFormat` and `previousInStream`: both absent (format 1), or format 2 with its link. */
function linkOf(line: Record<string, unknown>, problems: string[]): ChainLink | undefined {
  const { leafFormat, previousInStream: link } = line;
  if (leafFormat === undefined) {
    if (link !== undefined) problems.push('previousInStream is given without leafFormat 2');
    return undefined;
  }
  if (leafFormat !== CHAINED_LEAF_FORMAT) {
    problems.push(`leafFormat is neither absent nor ${CHAINED_LEAF_FORMAT}`);
    return undefined;
  }
  if (link === 'first') return link;
  if (
    isObject(link) &&
    Object.keys(link).length === 2 &&
    isCount(link.leafIndex) &&
    typeof link.leafHash === 'string' &&
    HEX_SHA256.test(link.leafHash)
  ) {
    return { leafIndex: link.leafIndex, leafHash: link.leafHash };
  }
  problems.push(
    'previousInStream is neither "first" nor a leafIndex with a lower-case hex SHA-256 leafHash',
  );
  return undefined;
}

/** The id and position of an event line, as far as they can be read, to name it. */
export function entryName(line: Record<string, unknown>): { id: string; position: string } {
  const event = isObject(line.event) ? line.event : {};
  return {
    id: typeof event.id === 'string' ? event.id : '?',
    position: typeof event.globalPosition === 'string' ? event.globalPosition : '?',
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function proofOf(value: unknown): Buffer[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const hashes: Buffer[] = [];
  for (const item of value) {
    const hash = typeof item === 'string' ? decodeStrictBase64(item) : undefined;
    if (hash?.length !== HASH_BYTES) return undefined;
    hashes.push(hash);
  }
  return hashes;
}

import canonicalize from 'canonicalize';
import { asSealed } from '../shared/domain/sealed-value';
import { PERSONAL_FIELDS } from '../consent/domain';
import type { JsonObject, JsonValue, RecordedEvent } from '../event-store/event-store.port';
import { sealedDigest } from '../shared/domain/sealed-digest';
import { hashLeaf } from './merkle/hashing';

/**
 * The link of a format-2 leaf to the previous leaf of the same stream in the same log
 * (docs/adr/0041): that leaf's index and its leaf hash (lower-case hex), or `'first'` when
 * the event is the first of its stream in the log. Chained leaves make a stream's events a
 * hash chain inside the log, so a bundle that leaves out an earlier event shows it.
 */
export type ChainLink = { readonly leafIndex: number; readonly leafHash: string } | 'first';

/** The leaf format that carries `previousInStream`; leaves without it are format 1. */
export const CHAINED_LEAF_FORMAT = 2;

/**
 * What a leaf commits to: the event as recorded, with every sealed personal field replaced
 * by the digest of its token. Auditors re-implement this exactly (docs/adr/0011, 0041).
 */
interface LeafEnvelope {
  /** The event's global position, in decimal. */
  readonly position: string;
  readonly streamName: string;
  readonly streamRevision: number;
  readonly eventId: string;
  readonly type: string;
  /** Transaction time, ISO 8601 in UTC with milliseconds (`Date#toISOString`). */
  readonly recordedAt: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** Format 2 only (absent in format 1): `CHAINED_LEAF_FORMAT`. */
  readonly leafFormat?: number;
  /** Format 2 only: the previous leaf of the event's stream in this log, or `"first"`. */
  readonly previousInStream?: ChainLink;
}

/** A redacted or digested personal field: `{ "sealedDigest": "<hex SHA-256 of the token>" }`. */
interface SealedFieldDigest extends JsonObject {
  sealedDigest: string;
}

/** A personal field holds neither a sealed token nor its digest; the message names no value. */
export class UnexpectedPersonalFieldError extends Error {
  override readonly name = 'UnexpectedPersonalFieldError';
  constructor(
    readonly eventType: string,
    readonly field: string,
  ) {
    super(
      `${eventType}.${field} is a personal field but holds neither a sealed token nor a sealedDigest`,
    );
  }
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * The envelope of the event's leaf: format 1 without a link (every leaf before the log's
 * switch to chaining), format 2 with the link to the previous leaf of its stream.
 */
export function leafEnvelope(event: RecordedEvent, link?: ChainLink): LeafEnvelope {
  const envelope: LeafEnvelope = {
    position: event.globalPosition.toString(),
    streamName: event.streamName,
    streamRevision: event.streamRevision,
    eventId: event.id,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: digestPersonalFields(event.type, event.data),
    metadata: event.metadata,
  };
  if (link === undefined) return envelope;
  return { ...envelope, leafFormat: CHAINED_LEAF_FORMAT, previousInStream: linkJson(link) };
}

/** The leaf input: the UTF-8 bytes of the envelope's RFC 8785 canonical JSON. */
export function leafInput(event: RecordedEvent, link?: ChainLink): Buffer {
  const json = canonicalize(leafEnvelope(event, link));
  if (json === undefined) throw new TypeError('the leaf envelope has no JSON form');
  return Buffer.from(json, 'utf8');
}

/** The RFC 9162 leaf hash of the event: SHA-256(0x00 || leafInput(event, link)). */
export function leafHashOf(event: RecordedEvent, link?: ChainLink): Buffer {
  return hashLeaf(leafInput(event, link));
}

/** A link as the envelope holds it; refuses one no log could have written. */
function linkJson(link: ChainLink): ChainLink {
  if (link === 'first') return link;
  if (!Number.isSafeInteger(link.leafIndex) || link.leafIndex < 0) {
    throw new RangeError('a chain link names a leaf index that is not a non-negative integer');
  }
  if (!HEX_SHA256.test(link.leafHash)) {
    throw new RangeError('a chain link names a leaf hash that is not lower-case hex SHA-256');
  }
  return { leafIndex: link.leafIndex, leafHash: link.leafHash };
}

/**
 * Replaces each personal field listed in PERSONAL_FIELDS for `type` by the digest of its
 * sealed token. A field already replaced by such a digest (redaction) is kept as it is, so
 * redacting or shredding an event never changes its leaf.
 */
export function digestPersonalFields(type: string, data: JsonObject): JsonObject {
  const fields: readonly string[] = Object.hasOwn(PERSONAL_FIELDS, type)
    ? PERSONAL_FIELDS[type as keyof typeof PERSONAL_FIELDS]
    : [];
  const present = fields.filter((field) => Object.hasOwn(data, field));
  if (present.length === 0) return data;
  const digested: JsonObject = { ...data };
  for (const field of present) digested[field] = sealedFieldDigest(type, field, data[field]!);
  return digested;
}

function sealedFieldDigest(type: string, field: string, value: JsonValue): SealedFieldDigest {
  if (typeof value === 'string') return { sealedDigest: sealedDigest(asSealed(value)) };
  if (isSealedFieldDigest(value)) return { sealedDigest: value.sealedDigest };
  throw new UnexpectedPersonalFieldError(type, field);
}

function isSealedFieldDigest(value: JsonValue): value is SealedFieldDigest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === 'sealedDigest' &&
    typeof value.sealedDigest === 'string' &&
    HEX_SHA256.test(value.sealedDigest)
  );
}

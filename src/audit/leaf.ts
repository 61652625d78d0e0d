import canonicalize from 'canonicalize';
import { asSealed } from '../shared/domain/sealed-value';
import { PERSONAL_FIELDS } from '../consent/domain';
import type { JsonObject, JsonValue, RecordedEvent } from '../event-store/event-store.port';
import { sealedDigest } from '../shared/domain/sealed-digest';
import { hashLeaf } from './merkle/hashing';

/**
 * What a leaf commits to: the event as recorded, with every sealed personal field replaced
 * by the digest of its token. Auditors re-implement this exactly (docs/adr/0011).
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

export function leafEnvelope(event: RecordedEvent): LeafEnvelope {
  return {
    position: event.globalPosition.toString(),
    streamName: event.streamName,
    streamRevision: event.streamRevision,
    eventId: event.id,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: digestPersonalFields(event.type, event.data),
    metadata: event.metadata,
  };
}

/** The leaf input: the UTF-8 bytes of the envelope's RFC 8785 canonical JSON. */
export function leafInput(event: RecordedEvent): Buffer {
  const json = canonicalize(leafEnvelope(event));
  if (json === undefined) throw new TypeError('the leaf envelope has no JSON form');
  return Buffer.from(json, 'utf8');
}

/** The RFC 9162 leaf hash of the event: SHA-256(0x00 || leafInput(event)). */
export function leafHashOf(event: RecordedEvent): Buffer {
  return hashLeaf(leafInput(event));
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

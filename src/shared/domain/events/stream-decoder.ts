import { EventDecodingError } from './event-decoding-error';
import { EventFields, isStoredObject, type StoredObject } from './event-fields';

/**
 * Lifts an event's stored data from schema version n to n + 1. It maps fields only: the
 * decoder sets `schemaVersion` itself. Stored events are never rewritten (docs/adr/0032):
 * an old version stays on disk and is upcast on every read.
 */
type Upcaster = (data: StoredObject) => StoredObject;

/** How one event type is read. */
export interface EventTypeDecoding {
  /** The version the domain type describes; what `check` reads. */
  readonly version: number;
  /** Checks the fields of data at `version`; throws on the first field that is wrong. */
  readonly check: (fields: EventFields) => void;
  /** `upcasters[n]` lifts version n to n + 1; a version with none below `version` is refused. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

export type StreamDecodings<Event extends { readonly type: string }> = {
  readonly [Type in Event['type']]: EventTypeDecoding;
};

/**
 * The decoder of one stream: stored event data in, the typed event out, or an
 * `EventDecodingError`. It finds the event type, upcasts older versions one step at a time,
 * checks the fields, and returns the data it checked (the same object when no upcast was
 * needed, so nothing is copied on the hot path of a rebuild).
 */
export function streamDecoder<Event extends { readonly type: string }>(
  stream: string,
  decodings: StreamDecodings<Event>,
): (data: unknown) => Event {
  const byType: ReadonlyMap<string, EventTypeDecoding> = new Map(Object.entries(decodings));
  return (data) => {
    if (!isStoredObject(data)) throw new EventDecodingError(stream, '(unknown)', '', 'an object');
    const type = data.type;
    const decoding = typeof type === 'string' ? byType.get(type) : undefined;
    if (!decoding || typeof type !== 'string') {
      throw new EventDecodingError(stream, '(unknown)', 'type', `a ${stream} event type`);
    }
    const current = upcast(stream, type, decoding, data);
    decoding.check(new EventFields(stream, type, current));
    return current as Event;
  };
}

function upcast(
  stream: string,
  type: string,
  decoding: EventTypeDecoding,
  data: StoredObject,
): StoredObject {
  let current = data;
  let version = data.schemaVersion;
  while (typeof version === 'number' && version < decoding.version) {
    const up = decoding.upcasters?.[version];
    if (!up) break;
    version += 1;
    current = { ...up(current), schemaVersion: version };
  }
  if (version !== decoding.version) {
    const readable = readableVersions(decoding).join(', ');
    throw new EventDecodingError(stream, type, 'schemaVersion', `one of ${readable}`);
  }
  return current;
}

/** The versions a decoding reads: the current one and each below it reached by upcasters. */
function readableVersions(decoding: EventTypeDecoding): number[] {
  const versions = [decoding.version];
  while (decoding.upcasters?.[versions[0]! - 1]) versions.unshift(versions[0]! - 1);
  return versions;
}

/** Where a sealed value belongs. A token opens only in the place it was sealed for. */
export interface FieldContext {
  readonly tenantId: string;
  /** The subject's pseudonym (stream id), never the app's own subject id. */
  readonly subjectId: string;
  /** The event field, e.g. `email`. */
  readonly field: string;
}

const LABEL = 'consent-ledger/sealed-field';

/**
 * The additional authenticated data of a sealed field: a label, the token version, the data
 * key id and the context, each prefixed with its UTF-8 byte length (32-bit big-endian) so no
 * two different tuples encode to the same bytes. Binding the version and key id as well as
 * the place means no part of the token's header can be swapped without failing the tag.
 */
export function sealedFieldAad(version: string, keyId: string, context: FieldContext): Buffer {
  const parts = [LABEL, version, keyId, context.tenantId, context.subjectId, context.field];
  return Buffer.concat(parts.flatMap(lengthPrefixed));
}

function lengthPrefixed(part: string): Buffer[] {
  const bytes = Buffer.from(part, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

import { types } from 'node:util';

/**
 * Reads a BLOB / bytea column: pg returns a Buffer, node:sqlite a Uint8Array (of another
 * realm under Jest, hence `types.isUint8Array` rather than `instanceof`). Anything else is a
 * wrong column, so it throws instead of guessing; the message names the type only, since
 * column values may be secret.
 */
export function asBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (types.isUint8Array(value)) return Buffer.from(value);
  throw new TypeError(
    `expected a byte column value, got ${value === null ? 'null' : typeof value}`,
  );
}

/** A nullable column read with `read` when it holds a value. */
export function orNull<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value);
}

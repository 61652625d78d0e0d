import { types } from 'node:util';

/**
 * Reads integer columns the same way on both dialects: SQLite returns bigints, pg returns
 * numbers for INTEGER and strings for BIGINT and COUNT(*). Anything else is a programming
 * error (wrong column), so it throws instead of guessing.
 */
export function asBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`expected an integer column value, got ${describe(value)}`);
}

/** As `asBigInt`, for values that must fit a JavaScript number exactly. */
export function asNumber(value: unknown): number {
  const big = asBigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('integer column value does not fit a JavaScript number');
  }
  return Number(big);
}

export function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a text column value, got ${describe(value)}`);
}

/**
 * Reads a BLOB / bytea column: pg returns a Buffer, node:sqlite a Uint8Array (of another
 * realm under Jest, hence `types.isUint8Array` rather than `instanceof`).
 */
export function asBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (types.isUint8Array(value)) return Buffer.from(value);
  throw new TypeError(`expected a byte column value, got ${describe(value)}`);
}

/** A nullable column read with `read` when it holds a value. */
export function orNull<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value);
}

/** Names the type only: column values may be personal data and never go into messages. */
function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

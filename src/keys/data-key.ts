import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

const DATA_KEY_BYTES = 32;

/** 8 random bytes in base64url: unique per subject key, and free of the token's `.` separator. */
const KEY_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * A subject's AES-256 data key. The bytes live in a private field and are hidden from
 * `JSON.stringify`, `util.inspect` and string conversion, so a key that ends up in a log line
 * or an error by mistake shows only its id.
 */
export class DataKey {
  readonly #bytes: Buffer;

  constructor(
    /** Public: every token sealed with this key carries it. */
    readonly keyId: string,
    bytes: Buffer,
  ) {
    if (!KEY_ID.test(keyId)) throw new RangeError('a data key id is 11 base64url characters');
    if (bytes.length !== DATA_KEY_BYTES) {
      throw new RangeError(`a data key is ${DATA_KEY_BYTES} bytes, got ${bytes.length}`);
    }
    this.#bytes = Buffer.from(bytes);
  }

  static generate(): DataKey {
    return new DataKey(randomBytes(8).toString('base64url'), randomBytes(DATA_KEY_BYTES));
  }

  static isKeyId(value: string): boolean {
    return KEY_ID.test(value);
  }

  /** The raw key, for the cipher and the KEK wrap only. A copy: callers may zero it. */
  get bytes(): Buffer {
    return Buffer.from(this.#bytes);
  }

  toJSON(): { keyId: string; bytes: '[hidden]' } {
    return { keyId: this.keyId, bytes: '[hidden]' };
  }

  toString(): string {
    return `DataKey(${this.keyId})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

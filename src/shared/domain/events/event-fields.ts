import { EventDecodingError } from './event-decoding-error';

/** An object parsed from stored JSON. */
export type StoredObject = Readonly<Record<string, unknown>>;

/** The one form the ledger writes instants in (`Date#toISOString`), as the schemas say. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export function isStoredObject(value: unknown): value is StoredObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Hand-written checks of one stored event's fields, cheap enough for a projection rebuild:
 * plain `typeof` tests and a few regular expressions, no schema compiled per event. Each
 * check throws an `EventDecodingError` naming the field and what it must be. Fields that no
 * check names are left alone, as the schemas allow (a newer writer may add one).
 */
export class EventFields {
  constructor(
    private readonly stream: string,
    private readonly eventType: string,
    private readonly data: StoredObject,
    private readonly path = '',
  ) {}

  string(name: string): void {
    if (typeof this.data[name] !== 'string') this.fail(name, 'a string');
  }

  optionalString(name: string): void {
    if (this.data[name] !== undefined) this.string(name);
  }

  instant(name: string): void {
    const value = this.data[name];
    if (typeof value !== 'string' || !INSTANT.test(value)) {
      this.fail(name, 'an instant like 2026-01-31T12:00:00.000Z');
    }
  }

  optionalInstant(name: string): void {
    if (this.data[name] !== undefined) this.instant(name);
  }

  nullableInstant(name: string): void {
    if (this.data[name] !== null) this.instant(name);
  }

  integer(name: string): void {
    if (!Number.isSafeInteger(this.data[name])) this.fail(name, 'an integer');
  }

  optionalInteger(name: string): void {
    if (this.data[name] !== undefined) this.integer(name);
  }

  boolean(name: string): void {
    if (typeof this.data[name] !== 'boolean') this.fail(name, 'true or false');
  }

  /** A string from a closed list (an enum of the event type). */
  oneOf(name: string, allowed: ReadonlySet<string>): void {
    const value = this.data[name];
    if (typeof value !== 'string' || !allowed.has(value)) this.fail(name, oneOfText(allowed));
  }

  /** Whether the field holds exactly `value`: for fields that depend on another one. */
  isConstant(name: string, value: string): boolean {
    return this.data[name] === value;
  }

  stringArray(name: string): void {
    this.array(name, (items, at) => {
      if (typeof items[at] !== 'string') this.fail(`${name}[${at}]`, 'a string');
    });
  }

  optionalStringArray(name: string): void {
    if (this.data[name] !== undefined) this.stringArray(name);
  }

  oneOfArray(name: string, allowed: ReadonlySet<string>): void {
    this.array(name, (items, at) => {
      const value = items[at];
      if (typeof value !== 'string' || !allowed.has(value)) {
        this.fail(`${name}[${at}]`, oneOfText(allowed));
      }
    });
  }

  optionalOneOfArray(name: string, allowed: ReadonlySet<string>): void {
    if (this.data[name] !== undefined) this.oneOfArray(name, allowed);
  }

  /**
   * A personal field: the sealed token the application wrote, or, once redacted after an
   * erasure (ADR 0017), `{ "sealedDigest": <hex SHA-256> }` in its place.
   */
  sealed(name: string): void {
    const value = this.data[name];
    if (typeof value === 'string') return;
    if (isStoredObject(value) && typeof value.sealedDigest === 'string') {
      if (HEX_SHA256.test(value.sealedDigest)) return;
    }
    this.fail(name, 'a sealed token or { sealedDigest: <hex SHA-256> }');
  }

  optionalSealed(name: string): void {
    if (this.data[name] !== undefined) this.sealed(name);
  }

  object(name: string, check: (fields: EventFields) => void): void {
    const value = this.data[name];
    if (!isStoredObject(value)) this.fail(name, 'an object');
    check(this.nested(name, value));
  }

  objectArray(name: string, check: (fields: EventFields) => void): void {
    this.array(name, (items, at) => {
      const item = items[at];
      if (!isStoredObject(item)) this.fail(`${name}[${at}]`, 'an object');
      check(this.nested(`${name}[${at}]`, item));
    });
  }

  private array(name: string, checkItem: (items: readonly unknown[], at: number) => void): void {
    const value = this.data[name];
    if (!Array.isArray(value)) this.fail(name, 'an array');
    for (let at = 0; at < value.length; at++) checkItem(value, at);
  }

  private nested(name: string, value: StoredObject): EventFields {
    return new EventFields(this.stream, this.eventType, value, `${this.path}${name}.`);
  }

  private fail(name: string, expected: string): never {
    throw new EventDecodingError(this.stream, this.eventType, `${this.path}${name}`, expected);
  }
}

function oneOfText(allowed: ReadonlySet<string>): string {
  return `one of ${[...allowed].map((value) => `"${value}"`).join(', ')}`;
}

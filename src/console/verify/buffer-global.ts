// Injected by bin/build-console.js wherever bundled code names the global `Buffer`: the
// verifier's core (src/audit) uses Node's Buffer; in the browser it is the `buffer`
// package, taught the one encoding of Node's it lacks, base64url (RFC 4648 §5), which
// src/audit/note/ed25519.ts uses for JWK keys.
import { Buffer } from 'buffer';

const toBase64 = (text: string): string => text.replaceAll('-', '+').replaceAll('_', '/');
const toBase64url = (text: string): string =>
  text.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

const from = Buffer.from.bind(Buffer) as (value: unknown, encoding?: unknown) => Buffer;
Buffer.from = ((value: unknown, encoding?: unknown) =>
  typeof value === 'string' && encoding === 'base64url'
    ? from(toBase64(value), 'base64')
    : from(value, encoding)) as typeof Buffer.from;

type ToString = (this: Uint8Array, encoding?: string, start?: number, end?: number) => string;
const prototype = Buffer.prototype as unknown as { toString: ToString };
const toString = prototype.toString;
prototype.toString = function (this: Uint8Array, encoding, start, end) {
  return encoding === 'base64url'
    ? toBase64url(toString.call(this, 'base64', start, end))
    : toString.call(this, encoding, start, end);
};

export { Buffer };

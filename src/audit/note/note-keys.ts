import { randomBytes, type KeyObject } from 'node:crypto';
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519PublicKeyBytes,
  ed25519Sign,
  ed25519Verify,
} from './ed25519';
import { InvalidNoteKeyError } from './note.errors';
import { ED25519_SIGNATURE_TYPE, formatKeyId, noteKeyId } from './note-key-id';
import { isValidKeyName } from './note-text';
import { decodeStrictBase64 } from './strict-base64';

/** Checks signatures by one key, identified in a note by its name and key id. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs note texts with one key under one name. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Buffer;
}

/** The verifier of an Ed25519 public key under `name`. */
export function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  assertKeyName(name);
  const key = ed25519PublicKey(publicKey);
  return {
    name,
    keyId: noteKeyId(name, typed(publicKey)),
    verify: (text, signature) => ed25519Verify(key, text, signature),
  };
}

/**
 * The signer of an Ed25519 private key under `name`. One key may sign under several names
 * (one per log origin); each name gets its own key id.
 */
export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  assertKeyName(name);
  return {
    name,
    keyId: noteKeyId(name, typed(ed25519PublicKeyBytes(privateKey))),
    sign: (text) => ed25519Sign(privateKey, text),
  };
}

/** Verifier key text, `<name>+<key id hex>+<base64(0x01 || public key)>`, as Go's sumdb/note and C2SP tools read it. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  const typedKey = typed(publicKey);
  return `${name}+${formatKeyId(noteKeyId(name, typedKey))}+${typedKey.toString('base64')}`;
}

/** Parses verifier key text; refuses a key id that does not belong to the name and key. */
export function parseVerifierKey(text: string): NoteVerifier {
  const parts = splitKeyText(text, 3, 'verifier key');
  const [name, keyIdText, keyText] = parts as [string, string, string];
  const { publicKey } = untyped(name, keyIdText, keyText, ED25519_PUBLIC_KEY_BYTES, (key) => key);
  return ed25519Verifier(name, publicKey);
}

/**
 * Signer key text, `PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>`. C2SP signed-note
 * defines no signer key format; this is the one of Go's sumdb/note, which its tools share.
 */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  assertKeyName(name);
  const publicKey = ed25519PublicKeyBytes(ed25519PrivateKey(seed));
  const keyId = formatKeyId(noteKeyId(name, typed(publicKey)));
  return `PRIVATE+KEY+${name}+${keyId}+${typed(seed).toString('base64')}`;
}

interface ParsedSignerKey {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKey: Buffer;
}

/** Parses signer key text; refuses a key id that does not belong to the name and key. */
export function parseSignerKey(text: string): ParsedSignerKey {
  const parts = splitKeyText(text, 5, 'signer key');
  const [private1, private2, name, keyIdText, keyText] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') {
    throw new InvalidNoteKeyError('a signer key starts with PRIVATE+KEY+');
  }
  const { key: seed, publicKey } = untyped(name, keyIdText, keyText, ED25519_SEED_BYTES, (key) =>
    ed25519PublicKeyBytes(ed25519PrivateKey(key)),
  );
  return { name, privateKey: ed25519PrivateKey(seed), publicKey };
}

/** A new random Ed25519 seed for `formatSignerKey`. */
export function generateEd25519Seed(): Buffer {
  return randomBytes(ED25519_SEED_BYTES);
}

/** Splits at the first `count − 1` plus signs: standard base64, the last part, may hold `+`. */
function splitKeyText(text: string, count: number, what: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 1; i < count; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) throw new InvalidNoteKeyError(`a ${what} has ${count} parts separated by +`);
    parts.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  parts.push(rest);
  return parts;
}

/**
 * Checks name, key id and the typed key bytes of key text; returns the bare key and its
 * public key (derived by `publicKeyOf`), over which the key id is computed.
 */
function untyped(
  name: string,
  keyIdText: string,
  keyText: string,
  keyBytes: number,
  publicKeyOf: (key: Buffer) => Buffer,
): { key: Buffer; publicKey: Buffer } {
  assertKeyName(name);
  if (!/^[0-9a-fA-F]{8}$/.test(keyIdText)) {
    throw new InvalidNoteKeyError('the key id of a note key is eight hex digits');
  }
  const typedKey = decodeStrictBase64(keyText);
  if (typedKey === undefined || typedKey.length !== 1 + keyBytes) {
    throw new InvalidNoteKeyError(`the key of a note key is base64 of ${1 + keyBytes} bytes`);
  }
  if (typedKey[0] !== ED25519_SIGNATURE_TYPE) {
    throw new InvalidNoteKeyError('only Ed25519 note keys (type 0x01) are supported');
  }
  const key = typedKey.subarray(1);
  const publicKey = publicKeyOf(key);
  if (noteKeyId(name, typed(publicKey)) !== Number.parseInt(keyIdText, 16)) {
    throw new InvalidNoteKeyError(`the key id ${keyIdText} does not belong to key ${name}`);
  }
  return { key, publicKey };
}

function typed(key: Uint8Array): Buffer {
  return Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), key]);
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new InvalidNoteKeyError(
      'a note key name must be non-empty, without spaces, + or control characters',
    );
  }
}

/** Unicode white space (Go's unicode.IsSpace) and `+` may not appear in a key name. */
const NOT_IN_KEY_NAME = /[\p{White_Space}+]/u;
/** In a `u` pattern a surrogate pair is one code point, so this finds only lone surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The note as text, or undefined when its bytes are not valid UTF-8. A BOM is kept, not eaten. */
export function decodeNote(message: string | Uint8Array): string | undefined {
  if (typeof message === 'string') return LONE_SURROGATE.test(message) ? undefined : message;
  try {
    return strictUtf8.decode(message);
  } catch {
    return undefined;
  }
}

/** C2SP signed-note: valid UTF-8 without ASCII control characters other than newline. */
export function isNoteSafe(text: string): boolean {
  if (LONE_SURROGATE.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return false;
  }
  return true;
}

/** C2SP signed-note: key names are non-empty, without Unicode spaces or `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && isNoteSafe(name) && !NOT_IN_KEY_NAME.test(name);
}

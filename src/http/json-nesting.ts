/**
 * How deeply objects and arrays may nest in a request body. The deepest body the API
 * defines is 3 levels (a policy: body → categories → one category → its precisions); 32
 * leaves room for any shape the API may grow while keeping every recursive walker behind
 * the parser (class-transformer, class-validator, RFC 8785 canonicalisation for idempotency
 * fingerprints, JSON.stringify of events) a long way from the stack limit (docs/adr/0021).
 */
export const MAX_JSON_NESTING = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text nests objects and arrays more than `max` levels deep. One pass over
 * the characters, no recursion, stopping at the first level too many, so a megabyte of
 * `[` costs microseconds and is refused before anything parses it. Brackets inside strings
 * do not count. For text that is not JSON the answer does not matter: parsing refuses it.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

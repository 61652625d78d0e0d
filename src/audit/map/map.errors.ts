/** A head, a key or a proof the map cannot take; the message names the rule, never a value. */
export class MalformedMapInputError extends Error {
  override readonly name = 'MalformedMapInputError';
}

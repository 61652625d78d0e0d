/**
 * The verifier cannot even start: the bundle cannot be read or is not a bundle of a format
 * it knows, or the key is not a verifier key. Distinct from a bundle that fails to verify.
 */
export class UnusableInputError extends Error {
  override readonly name = 'UnusableInputError';
}

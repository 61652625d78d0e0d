/** Secret for the keyed digests of idempotency keys and request fingerprints. */
export const IDEMPOTENCY_SECRET = Symbol('IdempotencySecret');

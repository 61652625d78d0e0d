/** A Merkle proof does not prove what it claims; the message says which check failed. */
export class ProofVerificationError extends Error {
  override readonly name = 'ProofVerificationError';
}

/** A complete subtree that the tree should hold was never stored: the store is incomplete. */
export class MissingNodeError extends Error {
  override readonly name = 'MissingNodeError';
  constructor(
    readonly level: number,
    readonly index: number,
  ) {
    super(`the hash store holds no node at level ${level}, index ${index}`);
  }
}

/**
 * The public face of src/audit/merkle: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { emptyTreeRoot, foldRight, hashChildren, hashLeaf, sameHash } from './hashing';
export { ProofVerificationError } from './merkle.errors';
export { verifyInclusion } from './verify-inclusion';

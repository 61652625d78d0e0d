/**
 * The public face of src/audit/verify: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export type { VerificationSummary } from './bundle-verifier';
export { UnusableInputError } from './unusable-input.error';
export { formatFailure } from './verification-failure';
export { readVerifierKey } from './verifier-key-input';
export { verifyBundleFile } from './verify-bundle';

/**
 * The verifier's face for the auditor console (issue #16 item 6, docs/adr/0045): the same
 * line-by-line bundle checks as `consent-ledger verify`, without the CLI's file reading. The
 * console's bundler maps `node:crypto` to a browser implementation of the few calls these
 * modules make (SHA-256, Ed25519 public keys and verification).
 */
export type { VerificationSummary } from '../bundle-verifier';
export type { VerificationFailure } from '../verification-failure';
export { formatFailure } from '../verification-failure';
export { UnusableInputError } from '../unusable-input.error';
export { verifyBundleLines } from '../verify-bundle-lines';
export { parseVerifierKey } from '../../note/note-keys';
export type { NoteVerifier } from '../../note/note-keys';
export { NoteError } from '../../note/note.errors';

/**
 * The public face of src/erasure/certificate/verify: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { verifyCertificate } from './verify-certificate';
export type { ErasureCertificateStatement } from '../erasure-certificate';

/**
 * The roles a caller may hold within its tenant (least privilege, issue #7):
 * - `tenant-admin`: policies and API keys;
 * - `app`: registers subjects, records grants, revocations and syncs on users' behalf, checks;
 * - `auditor`: read-only history, flow windows, proofs and exports;
 * - `privacy-officer`: the erasure workflow.
 */
export const ROLES = ['tenant-admin', 'app', 'auditor', 'privacy-officer'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The roles a caller may hold within its tenant (least privilege, issue #7):
 * - `tenant-admin`: policies and API keys;
 * - `app`: registers subjects, records grants, revocations and syncs on users' behalf, checks;
 * - `auditor`: read-only history, flow windows, proofs and exports;
 * - `privacy-officer`: the erasure workflow;
 * - `processor`: one recipient's own credential (ADR 0042): it acknowledges the changes it
 *   applied and confirms erasures, for that recipient only. It stands alone on a key, which
 *   names the recipient, and no bearer token carries it.
 */
export const ROLES = ['tenant-admin', 'app', 'auditor', 'privacy-officer', 'processor'] as const;

export type Role = (typeof ROLES)[number];

/**
 * The roles whose holder acts for the whole tenant, every recipient included: every role but
 * `processor`. They may be combined on one key, and they are the roles a bearer token may carry.
 */
export const TENANT_WIDE_ROLES = ROLES.filter(
  (role): role is Exclude<Role, 'processor'> => role !== 'processor',
);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

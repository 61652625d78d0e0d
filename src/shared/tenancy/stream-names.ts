/**
 * Stream names. One stream per subject per tenant (the consistency boundary of every
 * consent rule) and one per tenant policy. A subject stream is named by its random
 * pseudonym, never by the app's id: stream names are not encrypted and outlive erasure.
 */
export const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function subjectStream(tenantId: string, subjectId: string): string {
  return `subject-${tenantId}-${subjectId}`;
}

export function policyStream(tenantId: string): string {
  return `policy-${tenantId}`;
}

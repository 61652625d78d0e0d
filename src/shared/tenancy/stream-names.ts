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

/**
 * One stream per recipient of a tenant: its processor's acknowledgements (ADR 0042). Tenant
 * ids and recipient keys may both hold `-`, never `.`, so the `.` keeps two (tenant,
 * recipient) pairs from ever sharing a stream.
 */
export function processorAcknowledgementsStream(tenantId: string, recipient: string): string {
  return `processor-acknowledgements-${tenantId}.${recipient}`;
}

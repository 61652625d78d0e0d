/** One registry stream per tenant: the consistency boundary of its key administration. */
export function apiKeyStream(tenantId: string): string {
  return `api-keys-${tenantId}`;
}

/** A tenant's processor settings (webhooks): administrative facts, one stream per tenant. */
export function processorsStream(tenantId: string): string {
  return `processors-${tenantId}`;
}

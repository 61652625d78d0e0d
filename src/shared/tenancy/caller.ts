/**
 * Who is calling, as far as the consent rules care: the tenant every read and write is
 * scoped to, whether the caller may back-date events (imports), and which of the tenant's
 * recipients it may see (ask `recipientsVisibleTo`). Resolved once per request by
 * `AuthenticationGuard` (src/auth).
 */
export interface Caller {
  readonly tenantId: string;
  readonly mayBackdate: boolean;
  readonly recipientScope: RecipientScope;
}

/**
 * Which of its tenant's recipients a caller may see and act for (ADR 0042): a processor
 * credential speaks for exactly one; every other caller's roles reach the whole tenant.
 * Every caller states its scope: there is no default that could widen one. Asked through
 * `recipientsVisibleTo` (recipient-scope.ts).
 */
export type RecipientScope =
  | { readonly kind: 'every-recipient' }
  | { readonly kind: 'one-recipient'; readonly recipient: string };

/** Where the guard leaves the caller on the raw request. */
export const CALLER_PROPERTY = 'consentLedgerCaller';

export interface RequestWithCaller {
  [CALLER_PROPERTY]?: Caller;
}

export function callerOf(request: RequestWithCaller): Caller {
  const caller = request[CALLER_PROPERTY];
  // The guard runs before every handler; reaching here without a caller is a wiring bug.
  if (!caller) throw new Error('no caller resolved for this request');
  return caller;
}

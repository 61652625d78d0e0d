/**
 * Who is calling, as far as the consent rules care: the tenant every read and write is
 * scoped to, and whether the caller may back-date events (imports). Resolved once per
 * request by `AuthenticationGuard` (src/auth).
 */
export interface Caller {
  readonly tenantId: string;
  readonly mayBackdate: boolean;
}

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

import type { AuthenticatedCaller } from '../authenticated-caller';

/** Why a request has no caller. Reported to the caller in general terms only. */
export type AuthenticationFailure = 'missing' | 'malformed' | 'rejected';

export const AUTH_FAILURE_PROPERTY = 'consentLedgerAuthFailure';

export interface RequestWithAuthentication {
  [AUTH_FAILURE_PROPERTY]?: AuthenticationFailure;
  consentLedgerCaller?: AuthenticatedCaller;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

import type { Caller } from '../shared/tenancy/caller';
import type { Role } from './role';

/**
 * A caller whose credentials were verified: the tenant it acts for, the roles it holds
 * there, and a principal that names it in events without naming a person — `key:<id>` for
 * an API key, `oidc:<digest>` for a token's issuer and subject, `operator` for the CLI.
 */
export interface AuthenticatedCaller extends Caller {
  readonly principal: string;
  readonly roles: readonly Role[];
}

import type { IsoInstant } from '../../shared/time/instant';
import type { Role } from '../role';

export interface CreateApiKey {
  readonly type: 'create-api-key';
  readonly tenantId: string;
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly secretDigest: string;
  readonly expiresAt: IsoInstant | null;
  /** The recipient a `processor` key speaks for; null for every other key. */
  readonly recipient: string | null;
  /** The recipient keys of the tenant's policy in force, when a recipient was asked for. */
  readonly policyRecipients: readonly string[];
  readonly now: IsoInstant;
  readonly actor: string;
}

export interface RevokeApiKey {
  readonly type: 'revoke-api-key';
  readonly tenantId: string;
  readonly keyId: string;
  readonly now: IsoInstant;
  readonly actor: string;
}

export interface ChangeApiKeyRoles {
  readonly type: 'change-api-key-roles';
  readonly tenantId: string;
  readonly keyId: string;
  readonly roles: readonly Role[];
  readonly now: IsoInstant;
  readonly actor: string;
}

export type ApiKeyCommand = CreateApiKey | RevokeApiKey | ChangeApiKeyRoles;

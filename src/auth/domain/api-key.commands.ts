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

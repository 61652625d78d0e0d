import type { IsoInstant } from '../../shared/time/instant';
import type { Role } from '../role';

/**
 * Events of a tenant's API-key registry (stream `api-keys-<tenant>`). Administrative actions
 * are events like any other, so the tenant's audit log covers who could act and when.
 * A key's secret never enters the log: only its keyed digest does.
 */
export interface ApiKeyCreated {
  readonly type: 'api-key-created';
  readonly schemaVersion: 1;
  readonly tenantId: string;
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Keyed digest (HMAC-SHA256 under the service's lookup secret) of the key's secret, hex. */
  readonly secretDigest: string;
  readonly createdAt: IsoInstant;
  readonly expiresAt: IsoInstant | null;
  /** The principal that created it (`key:<id>`, `oidc:<digest>` or `operator`). */
  readonly actor: string;
  /**
   * The one recipient (a recipient key of the tenant's policy) a `processor` key speaks for;
   * absent on every other key (ADR 0042). Optional, so keys recorded before stay version 1.
   */
  readonly recipient?: string;
}

interface ApiKeyRevoked {
  readonly type: 'api-key-revoked';
  readonly schemaVersion: 1;
  readonly tenantId: string;
  readonly keyId: string;
  readonly revokedAt: IsoInstant;
  readonly actor: string;
}

interface ApiKeyRolesChanged {
  readonly type: 'api-key-roles-changed';
  readonly schemaVersion: 1;
  readonly tenantId: string;
  readonly keyId: string;
  readonly roles: readonly Role[];
  readonly previousRoles: readonly Role[];
  readonly changedAt: IsoInstant;
  readonly actor: string;
}

export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked | ApiKeyRolesChanged;

/** Why the key registry refused a command. Stable codes; messages hold no secrets. */
export type ApiKeyRefusalCode =
  | 'api-key-not-found'
  | 'api-key-exists'
  | 'api-key-revoked'
  | 'invalid-expiry'
  | 'last-tenant-admin'
  | 'idempotency-key-reused';

export class ApiKeyRefusal extends Error {
  constructor(
    readonly code: ApiKeyRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiKeyRefusal';
  }
}

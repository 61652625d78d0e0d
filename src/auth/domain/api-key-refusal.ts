/** Why the key registry refused a command. Stable codes; messages hold no secrets. */
export type ApiKeyRefusalCode =
  | 'api-key-not-found'
  | 'api-key-exists'
  | 'api-key-revoked'
  | 'invalid-expiry'
  | 'last-tenant-admin'
  | 'idempotency-key-reused'
  | 'invalid-roles'
  | 'invalid-recipient'
  | 'processor-key-roles-fixed';

export class ApiKeyRefusal extends Error {
  constructor(
    readonly code: ApiKeyRefusalCode,
    message: string,
    /** The request field at fault, for refusals of what the request says (400). */
    readonly field?: string,
    /** Machine-readable detail, e.g. the values the field allows. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiKeyRefusal';
  }
}

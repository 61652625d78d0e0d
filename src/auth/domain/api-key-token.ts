/**
 * An API key as the caller holds it: `clk_<tenant>_<keyId>_<secret>`. The part before the
 * secret is the public prefix — it names the key in listings and logs, and tells the
 * service which tenant's registry to look in. Tenant ids have no `_`, key ids are 16 hex
 * digits, and the secret is 32 random bytes in base64url.
 */
export interface ApiKeyToken {
  readonly tenantId: string;
  readonly keyId: string;
  readonly secret: string;
}

const TOKEN = /^clk_([a-z0-9][a-z0-9-]{0,62})_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function formatApiKey(token: ApiKeyToken): string {
  return `${publicPrefix(token)}_${token.secret}`;
}

export function publicPrefix(token: Pick<ApiKeyToken, 'tenantId' | 'keyId'>): string {
  return `clk_${token.tenantId}_${token.keyId}`;
}

/** The parts of a well-formed key; undefined for anything else (it is then no API key). */
export function parseApiKey(value: string): ApiKeyToken | undefined {
  const match = TOKEN.exec(value);
  if (!match) return undefined;
  return { tenantId: match[1]!, keyId: match[2]!, secret: match[3]! };
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith('clk_');
}

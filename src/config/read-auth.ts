import { resolve } from 'node:path';
import type { AuthSettings, OidcIssuer } from './app-config';
import { type EnvReader, quote } from './env-reader';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,100}$/;
const OIDC_ISSUERS_SHAPE =
  'a JSON array of {"issuer", "jwksUri", "audience", optional "tenantClaim", "rolesClaim", "tenant"}';

/** The authentication settings (docs/adr/0019-access-control.md). */
export function readAuth(read: EnvReader): AuthSettings {
  const metricsToken = read.text('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) {
    read.reject('METRICS_TOKEN must be at least 16 characters long');
  }
  const initialAdminKeyFile = read.text('INITIAL_ADMIN_KEY_FILE');
  return {
    keyCacheMs: read.integer('API_KEY_CACHE_MS', { min: 0, max: 60_000, fallback: 1000 }),
    initialAdminKeyFile:
      initialAdminKeyFile === undefined ? undefined : resolve(initialAdminKeyFile),
    oidcIssuers: readOidcIssuers(read),
    rateLimit: {
      requests: read.integer('RATE_LIMIT_REQUESTS', {
        min: 1,
        max: 10_000_000,
        fallback: 1000,
      }),
      windowMs: read.integer('RATE_LIMIT_WINDOW_MS', { min: 100, max: 3_600_000, fallback: 1000 }),
    },
    metricsToken,
  };
}

function readOidcIssuers(read: EnvReader): OidcIssuer[] {
  const value = read.text('OIDC_ISSUERS');
  if (value === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    read.reject(`OIDC_ISSUERS must be ${OIDC_ISSUERS_SHAPE}, got text that is not JSON`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    read.reject(`OIDC_ISSUERS must be ${OIDC_ISSUERS_SHAPE}`);
    return [];
  }
  return parsed.flatMap((entry: unknown, index) => {
    const issuer = readIssuer(entry, `OIDC_ISSUERS[${index}]`);
    if (typeof issuer === 'string') {
      read.reject(issuer);
      return [];
    }
    return [issuer];
  });
}

/** The issuer, or the one-line problem with it. */
function readIssuer(entry: unknown, name: string): OidcIssuer | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return `${name} must be an object`;
  }
  const fields = entry as Record<string, unknown>;
  const text = (field: string): string | undefined =>
    typeof fields[field] === 'string' && fields[field] !== '' ? fields[field] : undefined;
  const issuer = text('issuer');
  const jwksUri = text('jwksUri');
  const audience = text('audience');
  if (issuer === undefined || jwksUri === undefined || audience === undefined) {
    return `${name} must name "issuer", "jwksUri" and "audience" as non-empty strings`;
  }
  if (!isFetchableJwksUri(jwksUri)) {
    return `${name}.jwksUri must be an https URL (http only on a loopback host), got ${quote(jwksUri)}`;
  }
  const tenantClaim = text('tenantClaim') ?? 'tenant';
  const rolesClaim = text('rolesClaim') ?? 'roles';
  if (!CLAIM_NAME.test(tenantClaim) || !CLAIM_NAME.test(rolesClaim)) {
    return `${name}.tenantClaim and .rolesClaim must be claim names (letters, digits, _:./-)`;
  }
  const tenant = text('tenant');
  if (tenant !== undefined && !TENANT_ID.test(tenant)) {
    return `${name}.tenant must be a tenant id (lower-case letters, digits and "-"), got ${quote(tenant)}`;
  }
  return { issuer, jwksUri, audience, tenantClaim, rolesClaim, tenant };
}

/** Keys fetched over plain http could be swapped on the way; loopback is for tests and sidecars. */
function isFetchableJwksUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const ISSUER = {
  issuer: 'https://idp.example',
  jwksUri: 'https://idp.example/.well-known/jwks.json',
  audience: 'consent-ledger',
};

function rejection(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the environment to be rejected');
}

describe('authentication settings', () => {
  it('reads every variable', () => {
    expect(
      loadConfig({
        API_KEY_CACHE_MS: '250',
        INITIAL_ADMIN_KEY_FILE: '/run/secrets/first-admin.key',
        OIDC_ISSUERS: JSON.stringify([{ ...ISSUER, rolesClaim: 'groups', tenant: 'acme' }]),
        RATE_LIMIT_REQUESTS: '50',
        RATE_LIMIT_WINDOW_MS: '60000',
        METRICS_TOKEN: 'scrape-me-please-0123',
      }).auth,
    ).toEqual({
      keyCacheMs: 250,
      initialAdminKeyFile: '/run/secrets/first-admin.key',
      oidcIssuers: [{ ...ISSUER, tenantClaim: 'tenant', rolesClaim: 'groups', tenant: 'acme' }],
      rateLimit: { requests: 50, windowMs: 60_000 },
      metricsToken: 'scrape-me-please-0123',
    });
  });

  it('accepts plain http for a JWKS on a loopback host only', () => {
    const loopback = { ...ISSUER, jwksUri: 'http://127.0.0.1:9999/jwks' };
    expect(loadConfig({ OIDC_ISSUERS: JSON.stringify([loopback]) }).auth.oidcIssuers).toHaveLength(
      1,
    );
    expect(
      rejection({
        OIDC_ISSUERS: JSON.stringify([{ ...ISSUER, jwksUri: 'http://idp.example/jwks' }]),
      }),
    ).toMatch(/^OIDC_ISSUERS\[0\]\.jwksUri must be an https URL/);
  });

  it.each([
    [{ OIDC_ISSUERS: 'not json' }, /^OIDC_ISSUERS must be a JSON array .* not JSON$/],
    [{ OIDC_ISSUERS: '{}' }, /^OIDC_ISSUERS must be a JSON array/],
    [{ OIDC_ISSUERS: '[1]' }, /^OIDC_ISSUERS\[0\] must be an object$/],
    [
      { OIDC_ISSUERS: '[{"issuer":"x"}]' },
      /^OIDC_ISSUERS\[0\] must name "issuer", "jwksUri" and "audience"/,
    ],
    [
      { OIDC_ISSUERS: JSON.stringify([{ ...ISSUER, tenant: 'Acme Corp' }]) },
      /^OIDC_ISSUERS\[0\]\.tenant must be a tenant id/,
    ],
    [{ RATE_LIMIT_REQUESTS: '0' }, /^RATE_LIMIT_REQUESTS must be an integer from 1/],
    [{ RATE_LIMIT_WINDOW_MS: '10' }, /^RATE_LIMIT_WINDOW_MS must be an integer from 100/],
    [{ API_KEY_CACHE_MS: '-1' }, /^API_KEY_CACHE_MS must be an integer from 0/],
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN must be at least 16 characters long$/],
  ])('rejects %j', (env, message) => {
    expect(rejection(env)).toMatch(message);
  });
});

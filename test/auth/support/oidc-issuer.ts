import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const AUDIENCE = 'consent-ledger';

/**
 * A stand-in OIDC issuer on loopback: serves its JWKS over HTTP and mints ES256 tokens.
 * `issuer` is the http://127.0.0.1:<port> URL, so the service fetches keys as in production.
 */
export class OidcIssuer {
  private server?: Server;
  private keys?: Awaited<ReturnType<typeof generateKeyPair>>;
  issuer = '';

  async start(): Promise<void> {
    this.keys = await generateKeyPair('ES256', { extractable: true });
    const jwk = {
      ...(await exportJWK(this.keys.publicKey)),
      kid: 'test-key',
      alg: 'ES256',
      use: 'sig',
    };
    const body = JSON.stringify({ keys: [jwk] });
    this.server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The OIDC_ISSUERS setting that trusts this issuer. */
  get setting(): string {
    return JSON.stringify([
      { issuer: this.issuer, jwksUri: `${this.issuer}/jwks`, audience: AUDIENCE },
    ]);
  }

  /** A signed token for `tenant` with `roles`, valid for an hour unless `claims` say otherwise. */
  async token(tenant: string, roles: readonly string[], claims: JWTPayload = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const defaults = { iss: this.issuer, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 3600 };
    return new SignJWT({ ...defaults, tenant, roles: [...roles], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .sign(this.keys!.privateKey);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { AppConfig, OidcIssuer } from '../../config';
import { TENANT_ID } from '../../shared/tenancy/stream-names';
import { APP_CONFIG } from '../../config';
import { keyedDigest, LOOKUP_SECRET } from '../../keys';
import type { AuthenticatedCaller } from '../authenticated-caller';
import { EVERY_RECIPIENT } from '../../shared/tenancy/recipient-scope';
import { isRole, type Role, TENANT_WIDE_ROLES } from '../role';

/** Asymmetric algorithms only: a shared-secret (HS*) token could be minted by anyone holding the JWKS. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];
const CLOCK_TOLERANCE_S = 30;

/** Why a bearer JWT was not accepted; says nothing about the token's content. */
export class TokenRejected extends Error {}

interface TrustedIssuer {
  readonly settings: OidcIssuer;
  readonly keys: ReturnType<typeof createRemoteJWKSet>;
}

/**
 * Verifies OAuth2/OIDC bearer JWTs against the configured issuers: signature by a key of the
 * issuer's JWKS (fetched and cached by `jose`, refetched when an unknown key id appears),
 * issuer, audience, expiry and not-before. The tenant comes from the issuer's configuration
 * or a claim; the roles from a claim, keeping only the service's roles.
 */
@Injectable()
export class OidcTokenVerifier {
  private readonly issuers: ReadonlyMap<string, TrustedIssuer>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOOKUP_SECRET) private readonly lookupSecret: Buffer,
  ) {
    this.issuers = new Map(
      config.auth.oidcIssuers.map((settings) => [
        settings.issuer,
        {
          settings,
          keys: createRemoteJWKSet(new URL(settings.jwksUri), { timeoutDuration: 5000 }),
        },
      ]),
    );
    this.mayBackdate = config.consent.allowBackdatedImports;
  }

  private readonly mayBackdate: boolean;

  get enabled(): boolean {
    return this.issuers.size > 0;
  }

  /** The caller the token stands for; throws `TokenRejected` when it is not acceptable. */
  async verify(token: string): Promise<AuthenticatedCaller> {
    const issuer = this.issuers.get(unverifiedIssuer(token));
    if (!issuer) throw new TokenRejected('the token is not from a trusted issuer');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.settings.issuer,
        audience: issuer.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch {
      throw new TokenRejected(
        'the token is expired, not yet valid, or its signature, issuer or audience does not verify',
      );
    }
    const tenantId = issuer.settings.tenant ?? payload[issuer.settings.tenantClaim];
    if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) {
      throw new TokenRejected(`the token's "${issuer.settings.tenantClaim}" claim names no tenant`);
    }
    return {
      tenantId,
      roles: rolesIn(payload[issuer.settings.rolesClaim]),
      // The subject identifies a person at the issuer: only its keyed digest goes into events.
      principal: `oidc:${keyedDigest(this.lookupSecret, 'oidc-principal/v1', issuer.settings.issuer, payload.sub!).toString('hex').slice(0, 32)}`,
      mayBackdate: this.mayBackdate,
      // A token cannot be a processor credential (ADR 0042): its roles reach the whole tenant.
      recipientScope: EVERY_RECIPIENT,
    };
  }
}

function unverifiedIssuer(token: string): string {
  try {
    return decodeJwt(token).iss ?? '';
  } catch {
    throw new TokenRejected('the bearer token is neither an API key nor a JWT');
  }
}

/**
 * The service's roles the claim names, but never `processor`: that role is bound to one
 * recipient, which the tenant records on a key in its own log; an issuer's claims would
 * scope it outside the log and unchecked against the policy. It is ignored like any unknown role.
 */
function rolesIn(claim: unknown): Role[] {
  const values = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [];
  return [...new Set(values.filter(isTenantWideRole))].sort();
}

function isTenantWideRole(value: unknown): value is Role {
  return isRole(value) && (TENANT_WIDE_ROLES as readonly Role[]).includes(value);
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CALLER_PROPERTY } from '../../shared/tenancy/caller';
import { ApiKeyRegistry, NOT_CACHED } from '../api-keys/api-key-registry';
import type { AuthenticatedCaller } from '../authenticated-caller';
import { looksLikeApiKey, parseApiKey } from '../domain/api-key-token';
import { OidcTokenVerifier, TokenRejected } from '../oidc/oidc-token-verifier';
import { AuthMetrics } from '../auth-metrics';
import {
  AUTH_FAILURE_PROPERTY,
  type AuthenticationFailure,
  type RequestWithAuthentication,
} from './authentication-outcome';
import { endpointAccess } from './endpoint-access';

const BEARER = /^Bearer +(\S+)$/i;

/**
 * First of the three global guards: finds out who is calling (an API key or a bearer JWT)
 * and leaves the caller, or why there is none, on the request. It refuses nothing itself,
 * so the rate limiter that runs next can count unauthenticated attempts per address;
 * `AuthorizationGuard` decides.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyRegistry,
    private readonly oidc: OidcTokenVerifier,
    private readonly metrics: AuthMetrics,
  ) {}

  /** Synchronous when the credential is an API key whose registry is cached (most requests). */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (endpointAccess(this.reflector, context).kind === 'public') return true;
    const request = context.switchToHttp().getRequest<RequestWithAuthentication>();
    const outcome = this.authenticate(request.headers.authorization);
    return outcome instanceof Promise
      ? outcome.then((settled) => this.record(request, settled))
      : this.record(request, outcome);
  }

  private record(
    request: RequestWithAuthentication,
    outcome: AuthenticatedCaller | AuthenticationFailure,
  ): true {
    if (typeof outcome === 'string') {
      request[AUTH_FAILURE_PROPERTY] = outcome;
      this.metrics.failed(outcome);
    } else {
      request[CALLER_PROPERTY] = outcome;
    }
    return true;
  }

  private authenticate(header: string | string[] | undefined): Authentication {
    if (header === undefined) return 'missing';
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined) return 'malformed';
    if (looksLikeApiKey(token)) {
      const parsed = parseApiKey(token);
      if (!parsed) return 'malformed';
      const cached = this.apiKeys.authenticateFromCache(parsed);
      if (cached !== NOT_CACHED) return cached ?? 'rejected';
      return this.apiKeys.authenticate(parsed).then((caller) => caller ?? 'rejected');
    }
    if (!this.oidc.enabled) return 'malformed';
    return this.verifyJwt(token);
  }

  private async verifyJwt(token: string): Promise<AuthenticatedCaller | AuthenticationFailure> {
    try {
      return await this.oidc.verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) return 'rejected';
      throw error;
    }
  }
}

type Authentication =
  | AuthenticatedCaller
  | AuthenticationFailure
  | Promise<AuthenticatedCaller | AuthenticationFailure>;

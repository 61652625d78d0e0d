import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException, PROBLEM_TYPES } from '../../http';
import type { AuthenticatedCaller } from '../authenticated-caller';
import {
  AUTH_FAILURE_PROPERTY,
  type AuthenticationFailure,
  type RequestWithAuthentication,
} from './authentication-outcome';
import { endpointAccess } from './endpoint-access';

const FAILURE_DETAIL: Readonly<Record<AuthenticationFailure, string>> = {
  missing: 'Send an API key or a bearer token: "Authorization: Bearer <credential>".',
  malformed:
    'The Authorization header holds no usable credential. Send "Authorization: Bearer <API key or JWT>".',
  rejected:
    'The credential is unknown, revoked or expired, or does not verify. Ask your tenant admin for a valid one.',
};

/**
 * Last of the three global guards: lets a request through only when the endpoint is public
 * or the caller holds one of the roles the endpoint declares. An endpoint that declares no
 * roles is refused to everyone — access is opt-in, never the default.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = endpointAccess(this.reflector, context);
    if (access.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<RequestWithAuthentication>();
    const caller = request.consentLedgerCaller;
    if (!caller) throw unauthorized(request[AUTH_FAILURE_PROPERTY] ?? 'missing');
    if (access.kind === 'undeclared') {
      throw forbidden('This endpoint declares no role, so nobody may call it.');
    }
    if (!holdsOneOf(caller, access.roles)) {
      throw forbidden(
        `This endpoint needs one of the roles ${access.roles.join(', ')}; the credential holds ${
          caller.roles.length > 0 ? caller.roles.join(', ') : 'none of the service roles'
        }.`,
      );
    }
    return true;
  }
}

function holdsOneOf(caller: AuthenticatedCaller, roles: readonly string[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

function unauthorized(failure: AuthenticationFailure): ProblemException {
  const challenge =
    failure === 'missing'
      ? 'Bearer realm="consent-ledger"'
      : 'Bearer realm="consent-ledger", error="invalid_token"';
  return new ProblemException({
    type: PROBLEM_TYPES.unauthorized,
    title: 'Authentication required',
    status: 401,
    detail: FAILURE_DETAIL[failure],
    headers: { 'WWW-Authenticate': challenge },
  });
}

function forbidden(detail: string): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.forbidden,
    title: 'Forbidden',
    status: 403,
    detail,
  });
}

import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { API_KEY_SCHEME, OIDC_SCHEME } from '../http';
import type { Role } from './role';

/** Metadata key under which an endpoint declares the roles allowed to call it. */
export const ROLES_METADATA = 'consent-ledger:roles';

/**
 * Declares which roles may call an endpoint (any one of them suffices). An endpoint that
 * declares neither `@Roles` nor `@Public` is refused to everyone: access is opt-in. The
 * OpenAPI document says which credentials it takes: an API key or an OIDC JWT (ADR 0038).
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_METADATA, roles),
    ApiSecurity(API_KEY_SCHEME),
    ApiSecurity(OIDC_SCHEME),
  );

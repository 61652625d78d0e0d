import { SetMetadata } from '@nestjs/common';
import type { Role } from './role';

/** Metadata key under which an endpoint declares the roles allowed to call it. */
export const ROLES_METADATA = 'consent-ledger:roles';

/**
 * Declares which roles may call an endpoint (any one of them suffices). An endpoint that
 * declares neither `@Roles` nor `@Public` is refused to everyone: access is opt-in.
 */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_METADATA, roles);

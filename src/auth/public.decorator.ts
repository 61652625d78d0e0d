import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** Metadata key that marks an endpoint reachable without credentials. */
export const PUBLIC_METADATA = 'consent-ledger:public';

/**
 * Marks an endpoint reachable without credentials (health, readiness, the API description).
 * In the OpenAPI document it is one empty security requirement: anonymous access (ADR 0038).
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_METADATA, true), ApiSecurity({}));

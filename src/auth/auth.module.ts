import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '../shared/time/clock';
import { ApiKeyRegistry } from './api-keys/api-key-registry';
import { ChangeApiKeyRolesHandler } from './api-keys/commands/change-api-key-roles/change-api-key-roles.handler';
import { ChangeApiKeyRolesController } from './api-keys/commands/change-api-key-roles/change-api-key-roles.http.controller';
import { CreateApiKeyHandler } from './api-keys/commands/create-api-key/create-api-key.handler';
import { CreateApiKeyController } from './api-keys/commands/create-api-key/create-api-key.http.controller';
import { RevokeApiKeyHandler } from './api-keys/commands/revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyController } from './api-keys/commands/revoke-api-key/revoke-api-key.http.controller';
import { GetApiKeyHandler } from './api-keys/queries/get-api-key/get-api-key.handler';
import { GetApiKeyController } from './api-keys/queries/get-api-key/get-api-key.http.controller';
import { ListApiKeysHandler } from './api-keys/queries/list-api-keys/list-api-keys.handler';
import { ListApiKeysController } from './api-keys/queries/list-api-keys/list-api-keys.http.controller';
import { InitialAdminKey } from './api-keys/initial-admin-key';
import { AuthMetrics } from './auth-metrics';
import { AuthenticationGuard } from './guards/authentication.guard';
import { AuthorizationGuard } from './guards/authorization.guard';
import { FixedWindowCounter } from './guards/fixed-window-counter';
import { RateLimitGuard } from './guards/rate-limit.guard';
import { OidcTokenVerifier } from './oidc/oidc-token-verifier';

/**
 * Who may call what (docs/adr/0019-access-control.md). Three global guards run in this
 * order on every route: authenticate, rate-limit, authorise.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    CreateApiKeyController,
    ListApiKeysController,
    GetApiKeyController,
    ChangeApiKeyRolesController,
    RevokeApiKeyController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ApiKeyRegistry,
    CreateApiKeyHandler,
    ListApiKeysHandler,
    GetApiKeyHandler,
    ChangeApiKeyRolesHandler,
    RevokeApiKeyHandler,
    OidcTokenVerifier,
    AuthMetrics,
    InitialAdminKey,
    { provide: FixedWindowCounter, useValue: new FixedWindowCounter() },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
  exports: [ApiKeyRegistry],
})
export class AuthModule {}

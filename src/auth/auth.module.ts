import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CLOCK, systemClock } from '../shared/time/clock';
import { ApiKeyRegistry } from './api-keys/api-key-registry';
import { ApiKeysController } from './api-keys/http/api-keys.http.controller';
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
  controllers: [ApiKeysController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ApiKeyRegistry,
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

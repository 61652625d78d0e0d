import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK, systemClock } from '../consent/application/clock';
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
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { ttl: config.auth.rateLimit.windowMs, limit: config.auth.rateLimit.requests },
        ],
        storage: new FixedWindowCounter(),
      }),
    }),
  ],
  controllers: [ApiKeysController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ApiKeyRegistry,
    OidcTokenVerifier,
    AuthMetrics,
    InitialAdminKey,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
  exports: [ApiKeyRegistry],
})
export class AuthModule {}

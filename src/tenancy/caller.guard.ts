import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { CALLER_PROPERTY, type RequestWithCaller } from './caller';

/**
 * Resolves the caller of every request. Until authentication exists (API keys and tokens,
 * issue #7) every caller acts for the configured default tenant, and back-dating is
 * allowed only when the deployment turns imports on.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    request[CALLER_PROPERTY] = {
      tenantId: this.config.consent.defaultTenant,
      mayBackdate: this.config.consent.allowBackdatedImports,
    };
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { AuthenticationFailure } from './guards/authentication-outcome';

/** Failed authentications by reason; the labels name no key, tenant or person. */
@Injectable()
export class AuthMetrics {
  private readonly failures: Counter<'reason'>;

  constructor(registry: Registry) {
    this.failures = new Counter({
      name: 'auth_failures_total',
      help: 'Requests to protected endpoints that carried no valid credential, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  failed(reason: AuthenticationFailure): void {
    this.failures.inc({ reason });
  }
}

import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import { ProblemException, PROBLEM_TYPES } from '../../http';
import type { RequestWithAuthentication } from './authentication-outcome';
import { endpointAccess } from './endpoint-access';
import { FixedWindowCounter } from './fixed-window-counter';

/**
 * Second of the three global guards: a fixed budget of requests per window for each
 * credential — or, for requests without a valid one, for each client address — across all
 * endpoints. Counts are per replica (in memory); behind N replicas the effective limit is
 * up to N times the setting. Every counted response says where its credential stands in
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds); a request
 * over the budget gets a 429 with `Retry-After`.
 *
 * It runs on every request, so it answers synchronously: Nest awaits a guard that returns
 * a promise, and a turn of the microtask queue per guard shows in the rate of cheap routes.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly counter: FixedWindowCounter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.auth.rateLimit.requests;
    this.windowMs = config.auth.rateLimit.windowMs;
  }

  canActivate(context: ExecutionContext): boolean {
    if (endpointAccess(this.reflector, context).kind === 'public') return true;
    const http = context.switchToHttp();
    const counted = this.counter.hit(
      trackerOf(http.getRequest<RequestWithAuthentication>()),
      this.windowMs,
      this.limit,
    );
    if (counted.isBlocked) throw this.tooManyRequests(counted.timeToBlockExpire);
    void http
      .getResponse<FastifyReply>()
      .header('X-RateLimit-Limit', this.limit)
      .header('X-RateLimit-Remaining', Math.max(0, this.limit - counted.totalHits))
      .header('X-RateLimit-Reset', counted.timeToExpire);
    return true;
  }

  private tooManyRequests(secondsLeft: number): ProblemException {
    const retryAfter = String(Math.max(1, Math.ceil(secondsLeft)));
    return new ProblemException({
      type: PROBLEM_TYPES.tooManyRequests,
      title: 'Too many requests',
      status: 429,
      detail: `This credential made more than ${this.limit} requests in ${this.windowMs} ms. Retry after ${retryAfter} s.`,
      headers: { 'Retry-After': retryAfter },
    });
  }
}

/** Whom a request counts against: its credential, or its client address without one. */
function trackerOf({ consentLedgerCaller: caller, ip }: RequestWithAuthentication): string {
  return caller ? caller.principal : `address:${ip ?? 'unknown'}`;
}

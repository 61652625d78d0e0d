import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../../http/problem';
import { PROBLEM_TYPES } from '../../http/problem-types';
import type { RequestWithAuthentication } from './authentication-outcome';
import { endpointAccess } from './endpoint-access';

/**
 * Second of the three global guards: a fixed budget of requests per window for each
 * credential — or, for requests without a valid one, for each client address — across all
 * endpoints. Counts are per replica (in memory); behind N replicas the effective limit is
 * up to N times the setting.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(endpointAccess(this.reflector, context).kind === 'public');
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { consentLedgerCaller: caller, ip } = request as unknown as RequestWithAuthentication;
    return Promise.resolve(caller ? caller.principal : `address:${ip ?? 'unknown'}`);
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = String(Math.max(1, Math.ceil(limit.timeToBlockExpire)));
    throw new ProblemException({
      type: PROBLEM_TYPES.tooManyRequests,
      title: 'Too many requests',
      status: 429,
      detail: `This credential made more than ${limit.limit} requests in ${limit.ttl} ms. Retry after ${retryAfter} s.`,
      headers: { 'Retry-After': retryAfter },
    });
  }
}

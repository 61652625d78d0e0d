import { Controller, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { ProblemException } from '../../http/problem';
import { PROBLEM_TYPES } from '../../http/problem-types';
import { Public } from '../public.decorator';
import { Roles } from '../roles.decorator';
import { FixedWindowCounter } from './fixed-window-counter';
import { RateLimitGuard } from './rate-limit.guard';

@Controller('limited')
@Roles('app')
class LimitedController {
  @Post()
  call(): void {}
}

@Controller('open')
@Public()
class OpenController {
  @Post()
  call(): void {}
}

const WINDOW_MS = 60_000;

function guardWith(limit: number, now: () => number): RateLimitGuard {
  const config = { auth: { rateLimit: { requests: limit, windowMs: WINDOW_MS } } } as AppConfig;
  return new RateLimitGuard(new Reflector(), new FixedWindowCounter(now), config);
}

function request(
  controller: typeof LimitedController | typeof OpenController,
  caller: { principal: string } | undefined,
  ip = '10.0.0.1',
) {
  const headers: Record<string, unknown> = {};
  const reply = {
    header(name: string, value: unknown) {
      headers[name] = value;
      return reply;
    },
  } as unknown as FastifyReply;
  const context = new ExecutionContextHost(
    [{ consentLedgerCaller: caller, ip, headers: {} }, reply],
    controller,
    controller.prototype.call,
  );
  return { context, headers };
}

describe('RateLimitGuard', () => {
  const app = { principal: 'key:0123456789abcdef' };

  it('lets requests through within the budget and says where the credential stands', () => {
    const guard = guardWith(3, () => 1_000);
    const first = request(LimitedController, app);
    expect(guard.canActivate(first.context)).toBe(true);
    expect(first.headers).toEqual({
      'X-RateLimit-Limit': 3,
      'X-RateLimit-Remaining': 2,
      'X-RateLimit-Reset': 59,
    });
    guard.canActivate(request(LimitedController, app).context);
    const third = request(LimitedController, app);
    guard.canActivate(third.context);
    expect(third.headers['X-RateLimit-Remaining']).toBe(0);
  });

  it('answers 429 with Retry-After once the budget is spent', () => {
    const guard = guardWith(1, () => 1_000);
    guard.canActivate(request(LimitedController, app).context);
    const over = request(LimitedController, app);
    let thrown: unknown;
    try {
      guard.canActivate(over.context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).problem).toMatchObject({
      type: PROBLEM_TYPES.tooManyRequests,
      status: 429,
      headers: { 'Retry-After': '59' },
    });
    expect(over.headers).toEqual({});
  });

  it('counts each credential apart, and requests without one by client address', () => {
    const guard = guardWith(1, () => 1_000);
    expect(guard.canActivate(request(LimitedController, app).context)).toBe(true);
    expect(guard.canActivate(request(LimitedController, { principal: 'key:other' }).context)).toBe(
      true,
    );
    expect(guard.canActivate(request(LimitedController, undefined, '10.0.0.2').context)).toBe(true);
    expect(() =>
      guard.canActivate(request(LimitedController, undefined, '10.0.0.2').context),
    ).toThrow(ProblemException);
  });

  it('neither counts nor labels public endpoints', () => {
    const guard = guardWith(1, () => 1_000);
    const open = request(OpenController, undefined);
    expect(guard.canActivate(open.context)).toBe(true);
    expect(guard.canActivate(request(OpenController, undefined).context)).toBe(true);
    expect(open.headers).toEqual({});
  });
});

import {
  Body,
  Controller,
  HttpCode,
  Injectable,
  Module,
  Post,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Roles } from '../../src/auth/roles.decorator';

/**
 * Nest's route: through the same global guards (authentication, roles, rate limit),
 * interceptor, pipe and filter as a check.
 */
export const CONSTANT_ROUTE = '/bench/constant';
/** Fastify's route: the same answer straight from a Fastify handler, without Nest (nor its guards). */
export const RAW_CONSTANT_ROUTE = '/bench/constant-raw';

/** About the size and shape of a check's answer, so both sides serialise alike. */
const CONSTANT_ANSWER = {
  subjectId: '00000000-0000-4000-8000-000000000000',
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
  at: '2026-01-01T00:00:00.000Z',
  permitted: true,
  basis: 'grant',
  since: '2026-01-01T00:00:00.000Z',
  reasons: [],
  policyVersion: 1,
  evidence: [
    { eventId: '00000000-0000-4000-8000-000000000001', revision: 0, type: 'subject-registered' },
    { eventId: '00000000-0000-4000-8000-000000000002', revision: 1, type: 'consent-granted' },
  ],
  answeredAtPosition: '1',
};

@Controller(CONSTANT_ROUTE.slice(1))
@Roles('app')
class ConstantController {
  @Post()
  @HttpCode(200)
  answer(@Body() _body: unknown): typeof CONSTANT_ANSWER {
    return CONSTANT_ANSWER;
  }
}

@Injectable()
class RawConstantRoute implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post(RAW_CONSTANT_ROUTE, (_request, reply) => reply.code(200).send(CONSTANT_ANSWER));
  }
}

/**
 * Benchmark-only routes that answer a constant: the ceiling a check is compared with. Only
 * the benchmark's server entry imports this module, and only with BENCH_CONSTANT_ROUTE=1.
 */
@Module({ controllers: [ConstantController], providers: [RawConstantRoute] })
export class ConstantRouteModule {}

import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { Public } from '../auth';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import { METRICS_TOKEN_SCHEME, ProblemException, PROBLEM_TYPES } from '../http';

/**
 * Prometheus scrapes without tenant credentials (metrics span tenants and carry no personal
 * data), so the endpoint is outside the role model: open, or behind one METRICS_TOKEN.
 */
@ApiTags('operations')
@Controller()
@Public()
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Prometheus text exposition of every metric registered in the shared registry. */
  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics of every tenant (no personal data)' })
  // Anonymous (from @Public) unless the deployment sets METRICS_TOKEN.
  @ApiSecurity(METRICS_TOKEN_SCHEME)
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.requireToken(authorization);
    void reply.type(this.registry.contentType);
    return this.registry.metrics();
  }

  private requireToken(authorization: string | undefined): void {
    const token = this.config.auth.metricsToken;
    if (token === undefined) return;
    const expected = Buffer.from(`Bearer ${token}`);
    const given = Buffer.from(authorization ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    throw new ProblemException({
      type: PROBLEM_TYPES.unauthorized,
      title: 'Authentication required',
      status: 401,
      detail: 'This deployment protects /metrics: send "Authorization: Bearer <METRICS_TOKEN>".',
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
  }
}

import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth';
import { ProblemException, PROBLEM_TYPES } from '../http';
import { ReadinessHealth } from './readiness.health';

/** Probes for orchestrators; they never touch personal data and need no authentication. */
@ApiTags('operations')
@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessHealth,
  ) {}

  /** Liveness: the process serves HTTP. Dependencies are not checked: a restart would not fix them. */
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP' })
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Readiness (can serve): both stores answer, no projection is halted, and none is staler
   * than READY_MAX_LAG_SECONDS (and READY_MAX_LAG_EVENTS when set). Each projection's
   * freshness is in the body either way. Answered from the projector's background
   * measurement, never from a query of its own (docs/adr/0023).
   */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the stores answer and the projections are fresh' })
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.checks());
    } catch (error) {
      throw notReady(error);
    }
  }
}

/** Turns Terminus's 503 into a problem that names the failed checks. */
function notReady(error: unknown): unknown {
  if (!(error instanceof ServiceUnavailableException)) return error;
  const result = error.getResponse() as Partial<HealthCheckResult>;
  const failed = Object.keys(result.error ?? {});
  const detail =
    result.status === 'shutting_down'
      ? 'The service is shutting down.'
      : `Not ready: the ${failed.join(' and ')} check${failed.length > 1 ? 's' : ''} failed. See checks for details.`;
  return new ProblemException({
    type: PROBLEM_TYPES.notReady,
    title: 'Service not ready',
    status: 503,
    detail,
    extensions: { checks: result.details ?? {} },
    headers: { 'retry-after': '1' },
  });
}

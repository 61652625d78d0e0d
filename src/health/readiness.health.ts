import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import { SERVING_STATUS, type ServingStatusSource } from '../projections';
import { assessReadiness, type ReadinessCheck, type ReadinessThresholds } from './assess-readiness';

/**
 * A measurement older than this means a store probe hangs past its own timeout (3 s) twice
 * over: the measurement runs every second.
 */
export const READY_STALE_AFTER_MS = 10_000;

type Indicator = () => HealthIndicatorResult;

/**
 * The checks of `/ready` (event store, read store, projections), from the projector's latest
 * background measurement: a probe queries nothing, so it answers at once under any load.
 */
@Injectable()
export class ReadinessHealth {
  private readonly thresholds: ReadinessThresholds;

  constructor(
    @Inject(SERVING_STATUS) private readonly status: ServingStatusSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.thresholds = {
      maxLagSeconds: config.readyMaxLagSeconds,
      ...(config.readyMaxLagEvents === undefined ? {} : { maxLagEvents: config.readyMaxLagEvents }),
      staleAfterMs: READY_STALE_AFTER_MS,
    };
  }

  /** One indicator per check, all from one reading of the status. */
  checks(): Indicator[] {
    const readiness = assessReadiness(this.status.servingStatus(), this.thresholds, new Date());
    return [
      () => this.indicator('eventStore', readiness.eventStore),
      () => this.indicator('readStore', readiness.readStore),
      () => this.indicator('projections', readiness.projections),
    ];
  }

  private indicator(key: string, check: ReadinessCheck): HealthIndicatorResult {
    const session = this.indicators.check(key);
    return check.up ? session.up({ ...check.details }) : session.down({ ...check.details });
  }
}

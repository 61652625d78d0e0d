import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { PROJECTION_STATUS, type ProjectionStatusSource } from '../projections/projection-status';

/**
 * Up when every projection runs and is within READY_MAX_LAG_EVENTS of the head of the
 * feed. A halted projection (failed, or superseded by a newer version) is never ready.
 */
@Injectable()
export class ProjectionsHealth {
  constructor(
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.indicators.check('projections');
    const maxLagEvents = this.config.readyMaxLagEvents;
    let statuses;
    try {
      statuses = await this.projections.statuses();
    } catch {
      return indicator.down({ message: 'projection status could not be read', maxLagEvents });
    }
    const halted = statuses.filter((status) => status.halted).map(({ name }) => name);
    if (halted.length > 0) {
      return indicator.down({
        message: `${halted.length} projection(s) halted: ${halted.join(', ')}`,
        maxLagEvents,
        halted,
      });
    }
    const lagging = statuses
      .filter((status) => status.lagEvents > maxLagEvents)
      .map(({ name, lagEvents, lagSeconds }) => ({ name, lagEvents, lagSeconds }));
    if (lagging.length > 0) {
      return indicator.down({
        message: `${lagging.length} projection(s) more than ${maxLagEvents} events behind`,
        maxLagEvents,
        lagging,
      });
    }
    return indicator.up({ projections: statuses.length, maxLagEvents });
  }
}

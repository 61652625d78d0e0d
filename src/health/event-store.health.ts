import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store/event-store.token';

/** How long `/ready` waits for the store before calling it down. */
export const EVENT_STORE_CHECK_TIMEOUT_MS = 3000;

/** Up when the event store answers `headPosition()` in time. */
@Injectable()
export class EventStoreHealth {
  private readonly logger = new Logger(EventStoreHealth.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check() {
    return this.indicators
      .check('eventStore')
      .attempt(async () => {
        try {
          const head = await this.store.headPosition();
          return { kind: this.store.kind, headPosition: head.toString() };
        } catch (error) {
          // The driver's message may name hosts or users: it goes to the log, not the body.
          this.logger.warn({ err: error }, 'event store did not answer headPosition()');
          throw new Error(`the ${this.store.kind} event store did not answer headPosition()`, {
            cause: error,
          });
        }
      })
      .withTimeout(EVENT_STORE_CHECK_TIMEOUT_MS);
  }
}

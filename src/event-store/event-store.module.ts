import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import { createEventStore } from './create-event-store';
import type { EventStore } from './event-store.port';
import { EVENT_STORE } from './event-store.token';

/**
 * Opens the configured event store once for the whole application. It is closed in
 * `onApplicationShutdown`, which Nest runs after the HTTP server has stopped accepting and
 * its in-flight requests have finished; being global, this module's hook runs after the
 * hooks of the modules that use the store (projectors close their subscriptions first).
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<EventStore> =>
        createEventStore({ url: config.eventStore.url, maxEventBytes: config.maxEventBytes }),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

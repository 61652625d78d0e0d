import { Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import { openReadStore, READ_STORE } from '../read-store';
import type { ReadStore } from '../read-store/read-store.port';
import { PROJECTION_STATUS } from './projection-status';
import { ProjectorHost } from './projector-host';
import { ReadYourWrites } from './consistency/read-your-writes';
import { SERVING_STATUS } from './serving-status';

/**
 * The read store, the projector and read-your-writes. Global, so query handlers inject
 * `READ_STORE`, `ProjectorHost` and `ReadYourWrites` (to wait for a position) wherever they live; feature modules register
 * their projections with a local `PROJECTIONS` provider (see projections.token.ts).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: READ_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<ReadStore> => {
        const logger = new Logger('ReadStore');
        return openReadStore(config.readStore.url, {
          onError: (error) =>
            logger.warn({ msg: 'an idle read-store connection failed', err: error }),
        });
      },
    },
    ProjectorHost,
    ReadYourWrites,
    { provide: PROJECTION_STATUS, useExisting: ProjectorHost },
    { provide: SERVING_STATUS, useExisting: ProjectorHost },
  ],
  exports: [READ_STORE, PROJECTION_STATUS, SERVING_STATUS, ProjectorHost, ReadYourWrites],
})
export class ProjectionsModule {}

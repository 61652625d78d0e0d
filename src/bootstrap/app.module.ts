import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { AppConfigModule } from '../config';
import { ConsentModule } from '../consent';
import { ErasureModule } from '../erasure';
import { EventStoreModule } from '../event-store';
import { FeedModule } from '../feed';
import { HealthModule } from '../health';
import { HttpModule } from '../http';
import { IdempotencyModule } from '../idempotency';
import { KeysModule } from '../keys';
import { LoggingModule } from '../logging';
import { MetricsModule } from '../metrics';
import { ProcessorsModule } from '../processors';
import { ProjectionsModule } from '../projections';
import { ReadSideModule } from '../read-side';
import { RecordsModule } from '../records';

interface AppModuleOptions {
  readonly config: AppConfig;
  readonly rootLogger: Logger;
  /** Modules added after the service's own, e.g. test-only controllers. */
  readonly extraImports?: NonNullable<ModuleMetadata['imports']>;
}

/** The whole service. Built from an already-validated config, so it never reads process.env. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.rootLogger),
        MetricsModule,
        HttpModule,
        EventStoreModule,
        ProjectionsModule,
        KeysModule,
        HealthModule,
        AuthModule,
        IdempotencyModule,
        ConsentModule,
        ReadSideModule,
        AuditModule,
        ErasureModule,
        ProcessorsModule,
        FeedModule,
        RecordsModule,
        ...(options.extraImports ?? []),
      ],
    };
  }
}

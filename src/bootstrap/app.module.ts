import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AppConfigModule } from '../config/app-config.module';
import { ConsentModule } from '../consent/consent.module';
import { ErasureModule } from '../erasure/erasure.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { HealthModule } from '../health/health.module';
import { HttpModule } from '../http/http.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { KeysModule } from '../keys/keys.module';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ProjectionsModule } from '../projections/projections.module';
import { ReadSideModule } from '../read-side/read-side.module';

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
        ...(options.extraImports ?? []),
      ],
    };
  }
}

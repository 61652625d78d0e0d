import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { nestPinoParams } from './nest-logger';

/** Makes nestjs-pino's `Logger` and `PinoLogger` injectable, over the service's root logger. */
@Module({})
export class LoggingModule {
  static forRoot(rootLogger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(nestPinoParams(rootLogger))],
      exports: [LoggerModule],
    };
  }
}

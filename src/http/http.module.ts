import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConnectionDraining } from './connection-draining';
import { ProblemExceptionFilter } from './problem-exception.filter';
import { createValidationPipe } from './request-validation';

/**
 * Cross-cutting HTTP behaviour for every route: DTO validation, problem+json errors, and
 * connections that let go at shutdown.
 */
@Module({
  providers: [
    ConnectionDraining,
    { provide: APP_FILTER, useClass: ProblemExceptionFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class HttpModule {}

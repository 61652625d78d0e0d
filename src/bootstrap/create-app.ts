import type { ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config/app-config';
import { prepareDataDir } from '../config/prepare-data-dir';
import { answerClientError, answerConnect } from '../http/raw-socket-answers';
import { answerFrameworkError, MAX_PATH_PARAMETER_LENGTH } from '../http/framework-errors';
import { acceptStrictJsonBodiesOnly } from '../http/json-body-parser';
import { setupOpenApi } from '../http/openapi';
import { createRootLogger } from '../logging/create-root-logger';
import { createNestLogger } from '../logging/nest-logger';
import { echoRequestId, requestIdFor } from '../logging/request-id';
import { RequestLogController } from '../logging/request-log-controller';

export interface CreateAppOptions {
  /** Where JSON log lines go; stdout by default. Tests pass a stream to read them. */
  readonly logDestination?: DestinationStream;
  /** Modules added to the service's own, e.g. a test-only controller. */
  readonly extraImports?: NonNullable<ModuleMetadata['imports']>;
}

/**
 * Builds and initialises the service exactly as `main.ts` runs it, without listening, so
 * tests can drive the same application in-process with `inject()`.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  prepareDataDir(config);
  const rootLogger = createRootLogger(config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // X-Forwarded-* is trusted only once a deployment names its proxies.
    trustProxy: false,
    loggerInstance: rootLogger,
    logController: new RequestLogController(),
    // Fastify would take any X-Request-Id verbatim; `requestIdFor` checks it first.
    requestIdHeader: false,
    genReqId: requestIdFor,
    // At shutdown idle keep-alive connections are closed; busy ones finish their request.
    forceCloseConnections: 'idle',
    // What Fastify and Node refuse before any route runs is problem+json too (ADR 0021).
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  adapter.getInstance().addHook('onRequest', echoRequestId);
  adapter.getInstance().server.on('connect', answerConnect.bind(adapter.getInstance()));
  acceptStrictJsonBodiesOnly(adapter.getInstance(), config.http.bodyLimitBytes);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, rootLogger, extraImports: options.extraImports }),
    adapter,
    // abortOnError: false makes a failed start throw (main.ts prints it) instead of aborting.
    // bodyParser: false leaves body parsing to acceptStrictJsonBodiesOnly alone.
    { logger: createNestLogger(rootLogger), abortOnError: false, bodyParser: false },
  );
  setupOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

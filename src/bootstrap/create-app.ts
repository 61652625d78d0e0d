import type { ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { Registry } from 'prom-client';
import { AppModule } from './app.module';
import type { AppConfig } from '../config';
import { prepareDataDir } from '../config';
import { serveConsole } from '../console-assets';
import { EDGE_SERVER_OPTIONS, installEdgeHandlers, setupOpenApi } from '../http';
import {
  createRootLogger,
  createNestLogger,
  echoRequestId,
  requestIdFor,
  RequestLogController,
} from '../logging';
import { httpServerOptions, installLoadShedding } from '../overload';

interface CreateAppOptions {
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
    ...EDGE_SERVER_OPTIONS,
    // Timeouts that bound how long a socket or a request may hold the server (ADR 0024).
    ...httpServerOptions(config.overload.server),
  });
  adapter.getInstance().addHook('onRequest', echoRequestId);
  installEdgeHandlers(adapter.getInstance(), config.http.bodyLimitBytes);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, rootLogger, extraImports: options.extraImports }),
    adapter,
    // abortOnError: false makes a failed start throw (main.ts prints it) instead of aborting.
    // bodyParser: false leaves body parsing to the strict parser of installEdgeHandlers.
    { logger: createNestLogger(rootLogger), abortOnError: false, bodyParser: false },
  );
  // Before the modules add their hooks at init, so only admitted requests reach them.
  installLoadShedding(adapter.getInstance(), config.overload.shedding, app.get(Registry));
  setupOpenApi(app);
  serveConsole(adapter.getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

import { Logger as NestPinoLogger, type Params, PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * nestjs-pino on top of Fastify's own request logger (`useExisting`): Nest's `Logger`
 * inside a request writes through the Fastify child that carries the request id, and
 * outside a request through the same root logger.
 */
export function nestPinoParams(rootLogger: Logger): Params {
  // wrapSerializers: false keeps the root's safe serializers instead of pino-http's.
  return { useExisting: true, pinoHttp: { logger: rootLogger, wrapSerializers: false } };
}

/**
 * Nest's logger from the first line of start-up, built before the DI container exists,
 * so that even a start that fails in a provider logs JSON rather than Nest's coloured text.
 */
export function createNestLogger(rootLogger: Logger): NestPinoLogger {
  const params = nestPinoParams(rootLogger);
  return new NestPinoLogger(new PinoLogger(params), params);
}

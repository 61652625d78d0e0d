import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { answerFrameworkError, MAX_PATH_PARAMETER_LENGTH } from './framework-errors';
import { acceptStrictJsonBodiesOnly } from './json-body-parser';
import { answerClientError, answerConnect } from './raw-socket-answers';

/**
 * Fastify options for what is refused before any route runs (docs/adr/0021): the router's
 * refusals (undecodable path, over-long parameter) and Node's unreadable requests are
 * answered as problem+json too, without echoing or logging the URL.
 */
export const EDGE_SERVER_OPTIONS = {
  routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
  // ConnectionDraining answers requests that arrive while closing, as problem+json.
  return503OnClosing: false,
  frameworkErrors: answerFrameworkError,
  clientErrorHandler: answerClientError,
} satisfies FastifyServerOptions;

/** The strict JSON body parser, and an answer to CONNECT, on a Fastify not yet started. */
export function installEdgeHandlers(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.server.on('connect', answerConnect.bind(fastify));
  acceptStrictJsonBodiesOnly(fastify, bodyLimitBytes);
}

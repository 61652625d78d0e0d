import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { routeTemplateOf } from './route-template';
import { loggableError } from './loggable-error';

/**
 * Fastify's per-request log lines, cut down to what may be logged: one line per request
 * with method, route template, status, duration and (bound by Fastify) the request id.
 * Fastify's defaults log the raw URL, which can hold personal data, and its errors quote
 * it: a client's mistake is logged by its code only, a failure with a scrubbed error.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // One line per request, written when it completes, is enough.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = {
      method: request.method,
      route: routeTemplateOf(request),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
    };
    if (error)
      reply.log.error({ ...fields, err: loggableError(error, request) }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method }, 'route not found');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const fields = { method: request.method, route: routeTemplateOf(request) };
    if (reply.statusCode >= 500) {
      reply.log.error({ ...fields, err: loggableError(error, request) }, 'request failed');
    } else {
      reply.log.info({ ...fields, code: codeOf(error) }, 'request rejected');
    }
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: loggableError(error, request) }, 'could not write response headers');
  }
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

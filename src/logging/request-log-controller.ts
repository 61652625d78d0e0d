import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { routeTemplateOf } from '../http/route-template';

/**
 * Fastify's per-request log lines, cut down to what may be logged: one line per request
 * with method, route template, status, duration and (bound by Fastify) the request id.
 * Fastify's defaults log the raw URL, which can hold personal data.
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
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method }, 'route not found');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const fields = { method: request.method, route: routeTemplateOf(request), err: error };
    if (reply.statusCode >= 500) reply.log.error(fields, 'request failed');
    else reply.log.info(fields, 'request rejected');
  }

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: error }, 'could not write response headers');
  }
}

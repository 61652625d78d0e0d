import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import { loggableError, requestPathOf } from '../logging';
import { PROBLEM_CONTENT_TYPE_HEADER, problemDocument } from './problem';
import { toProblem } from './to-problem';

/**
 * The one place errors become responses: every error, from a handler, a pipe, Fastify's body
 * parser or the not-found handler, leaves as RFC 9457 `application/problem+json`.
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, log } = toProblem(exception, {
      bodyLimitBytes: this.config.http.bodyLimitBytes,
      is404: request.is404,
    });

    // Fastify's request logger is bound to the request id, so the log line and the
    // caller's X-Request-Id header point at each other. A surprise keeps its stack (with
    // any URL scrubbed out); an expected outage (503) is one line that names it.
    if (log === 'error') {
      request.log.error(
        { err: loggableError(exception, request), status: problem.status },
        'unexpected error',
      );
    }
    if (log === 'warn') {
      request.log.warn({ problemType: problem.type, status: problem.status }, problem.title);
    }

    if (reply.sent || reply.raw.headersSent) return;
    void reply
      .status(problem.status)
      .headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE_HEADER })
      .send(JSON.stringify(problemDocument(problem, requestPathOf(request))));
  }
}

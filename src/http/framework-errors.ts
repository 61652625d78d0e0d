import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER, UNMATCHED_ROUTE } from '../logging';
import { type Problem, PROBLEM_CONTENT_TYPE_HEADER, problemDocument } from './problem';
import { PROBLEM_TYPES } from './problem-types';
import { genericProblem } from './to-problem';

/** The longest path parameter the router takes; every id of the API is far shorter. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

/**
 * Fastify's `frameworkErrors`: the router refuses a path it cannot decode (400) or a path
 * parameter over {@link MAX_PATH_PARAMETER_LENGTH} characters (414) before any hook, route or
 * Nest filter runs. Fastify would answer its own JSON with the whole URL, query included, in
 * the message; this answers problem+json without echoing the path (it was refused as such)
 * and logs the refusal without it.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = frameworkProblem(error);
  const fields = {
    method: request.method,
    route: UNMATCHED_ROUTE,
    statusCode: problem.status,
    code: error.code,
  };
  if (problem.status >= 500) request.log.error(fields, 'request failed in the router');
  else request.log.info(fields, 'request refused by the router');
  void reply
    .code(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE_HEADER)
    .header(REQUEST_ID_HEADER, request.id)
    .send(JSON.stringify(problemDocument(problem, undefined)));
}

function frameworkProblem(error: FastifyError): Problem {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return {
        type: PROBLEM_TYPES.malformedUrl,
        title: 'Malformed URL',
        status: 400,
        detail:
          'The request path is not validly percent-encoded. Encode reserved and non-ASCII characters as %XX of their UTF-8 bytes (RFC 3986).',
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        type: PROBLEM_TYPES.uriTooLong,
        title: 'URI too long',
        status: 414,
        detail: `A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters; no identifier of this API is.`,
        extensions: { maxParameterLength: MAX_PATH_PARAMETER_LENGTH },
      };
    default: {
      const status = error.statusCode ?? 500;
      // Fastify's messages here name the URL: never passed on.
      return status >= 500
        ? {
            type: PROBLEM_TYPES.internalError,
            title: 'Internal server error',
            status: 500,
            detail:
              'An unexpected error occurred. Quote the X-Request-Id response header when reporting it.',
          }
        : genericProblem(status, 'The request was refused before it reached an endpoint.');
    }
  }
}

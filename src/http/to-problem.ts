import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { fromDomainError } from './domain-problems';
import { fromEventStoreError } from './event-store-problems';
import { type MappedProblem, type Problem, ProblemException } from './problem';
import { PROBLEM_TYPE_BY_STATUS, PROBLEM_TYPES } from './problem-types';
import { RequestValidationError } from './request-validation';
import { fromStoreUnavailableError } from './store-unavailable-problems';

export interface ProblemContext {
  readonly bodyLimitBytes: number;
  /** The request matched no route. */
  readonly is404: boolean;
}

const GENERIC_500_DETAIL =
  'An unexpected error occurred. Quote the X-Request-Id response header when reporting it.';

/** Maps anything thrown while handling a request to the problem the caller receives. */
export function toProblem(thrown: unknown, context: ProblemContext): MappedProblem {
  const error = unwrapFastifyError(thrown);
  return (
    fromOwnErrors(error) ??
    fromDomainError(error) ??
    fromEventStoreError(error) ??
    fromStoreUnavailableError(error) ??
    fromFastifyErrors(error, context) ??
    fromHttpException(error, context) ?? {
      problem: {
        type: PROBLEM_TYPES.internalError,
        title: 'Internal server error',
        status: 500,
        detail: GENERIC_500_DETAIL,
      },
      log: 'error',
    }
  );
}

function fromOwnErrors(error: unknown): MappedProblem | undefined {
  if (error instanceof ProblemException) {
    return { problem: error.problem, log: error.problem.status >= 500 ? 'warn' : 'none' };
  }
  if (error instanceof RequestValidationError) {
    return {
      problem: {
        type: PROBLEM_TYPES.validationError,
        title: 'Request validation failed',
        status: 400,
        detail: error.message,
        extensions: { errors: error.fieldErrors },
      },
      log: 'none',
    };
  }
  return undefined;
}

interface FastifyLikeError {
  readonly code: string;
  readonly statusCode?: number;
  readonly message: string;
}

function isFastifyError(error: unknown): error is FastifyLikeError {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Partial<FastifyLikeError>).code;
  return typeof code === 'string' && code.startsWith('FST_');
}

/** Errors Fastify raises before a handler runs: body parsing, size and media type. */
function fromFastifyErrors(error: unknown, context: ProblemContext): MappedProblem | undefined {
  if (isMalformedJson(error)) {
    return {
      problem: {
        type: PROBLEM_TYPES.malformedJson,
        title: 'Malformed JSON body',
        status: 400,
        detail: 'The request body is not valid JSON. Send a JSON document.',
      },
      log: 'none',
    };
  }
  if (!isFastifyError(error)) return undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        problem: {
          type: PROBLEM_TYPES.payloadTooLarge,
          title: 'Request body too large',
          status: 413,
          detail: `The request body is larger than the limit of ${context.bodyLimitBytes} bytes. Send less data.`,
          extensions: { limitBytes: context.bodyLimitBytes },
        },
        log: 'none',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        problem: {
          type: PROBLEM_TYPES.unsupportedMediaType,
          title: 'Unsupported media type',
          status: 415,
          detail: 'The Content-Type of the request body is not supported. Send application/json.',
        },
        log: 'none',
      };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  // Fastify's client-error messages describe the request, not the server: safe to pass on.
  return { problem: genericProblem(status, error.message), log: 'none' };
}

/**
 * Nest's Fastify adapter wraps Fastify's 4xx errors in a plain `HttpException` whose `cause`
 * is the original; the original's code says what went wrong (bad JSON, too large, ...).
 */
function unwrapFastifyError(error: unknown): unknown {
  if (error instanceof HttpException && isFastifyError(error.cause)) return error.cause;
  return error;
}

const MALFORMED_JSON_CODES = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
]);

function isMalformedJson(error: unknown): boolean {
  if (isFastifyError(error)) return MALFORMED_JSON_CODES.has(error.code);
  // Fastify's JSON parser rejects with the SyntaxError of JSON.parse, marked 400.
  return error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400;
}

function fromHttpException(error: unknown, context: ProblemContext): MappedProblem | undefined {
  if (!(error instanceof HttpException)) return undefined;
  const status = error.getStatus();
  if (status === 404 && context.is404) {
    return {
      problem: {
        type: PROBLEM_TYPES.routeNotFound,
        title: 'No such endpoint',
        status: 404,
        detail: 'No endpoint matches this method and path. See /openapi.json for the API.',
      },
      log: 'none',
    };
  }
  return { problem: genericProblem(status, error.message), log: status >= 500 ? 'warn' : 'none' };
}

export function genericProblem(status: number, detail: string): Problem {
  return {
    type: PROBLEM_TYPE_BY_STATUS[status] ?? 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
  };
}

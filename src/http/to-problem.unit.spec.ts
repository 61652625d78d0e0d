import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../event-store/event-store.errors';
import { KeyStoreClosedError, KeyStoreUnavailableError } from '../keys/keys.errors';
import { ReadStoreClosedError, ReadStoreUnavailableError } from '../read-store/read-store.errors';
import { ProblemException } from './problem';
import { PROBLEM_TYPES } from './problem-types';
import { type ProblemContext, toProblem } from './to-problem';

const context: ProblemContext = { bodyLimitBytes: 100, is404: false };

function fastifyError(code: string, statusCode: number, message = 'fastify says no'): Error {
  return Object.assign(new Error(message), { name: 'FastifyError', code, statusCode });
}

/** What Nest's Fastify adapter hands the filter for a Fastify 4xx error. */
function wrappedByNest(error: Error & { statusCode: number }): HttpException {
  return new HttpException(error.message, error.statusCode, { cause: error });
}

describe('toProblem', () => {
  it('hides the message of an unexpected error and asks for it to be logged', () => {
    const mapped = toProblem(
      new TypeError('cannot read x of undefined (alice@example.com)'),
      context,
    );
    expect(mapped.log).toBe('error');
    expect(mapped.problem).toMatchObject({ type: PROBLEM_TYPES.internalError, status: 500 });
    expect(mapped.problem.detail).not.toContain('alice');
  });

  it('reports a revision conflict with the current revision, or no_stream', () => {
    const mapped = toProblem(
      new WrongExpectedRevisionError('s', 'stream_exists', 'no_stream'),
      context,
    );
    expect(mapped.problem).toMatchObject({
      status: 409,
      extensions: { currentRevision: 'no_stream' },
    });
    expect(mapped.log).toBe('none');
  });

  it('maps a reused event id to 409', () => {
    expect(toProblem(new DuplicateEventIdError('s', 'id'), context).problem).toMatchObject({
      type: PROBLEM_TYPES.duplicateEventId,
      status: 409,
    });
  });

  it('maps an unreachable store to 503 with Retry-After and logs it as a warning', () => {
    const mapped = toProblem(new EventStoreUnavailableError('ECONNREFUSED 10.0.0.1'), context);
    expect(mapped.problem.headers).toEqual({ 'retry-after': '5' });
    expect(mapped.problem.detail).not.toContain('10.0.0.1');
    expect(mapped.log).toBe('warn');
  });

  it.each([
    ['read store', new ReadStoreUnavailableError('the PostgreSQL read store is unreachable')],
    ['key store', new KeyStoreUnavailableError('the PostgreSQL key store is unreachable')],
    ['read store', new ReadStoreClosedError()],
    ['key store', new KeyStoreClosedError()],
  ])('answers an unreachable %s with 503 and Retry-After, not 500', (store, error) => {
    const mapped = toProblem(error, context);
    expect(mapped.problem).toMatchObject({
      type: PROBLEM_TYPES.serviceUnavailable,
      status: 503,
      headers: { 'retry-after': '5' },
    });
    expect(mapped.problem.detail).toContain(store);
    expect(mapped.log).toBe('warn');
  });

  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, PROBLEM_TYPES.malformedJson],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, PROBLEM_TYPES.malformedJson],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, PROBLEM_TYPES.payloadTooLarge],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, PROBLEM_TYPES.unsupportedMediaType],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, PROBLEM_TYPES.badRequest],
  ])('maps Fastify %s, as Nest wraps it, to %i', (code, status, type) => {
    const error = fastifyError(code, status) as Error & { statusCode: number };
    expect(toProblem(wrappedByNest(error), context).problem).toMatchObject({ type, status });
  });

  it('states the body limit in the 413', () => {
    const error = fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413) as Error & { statusCode: number };
    expect(toProblem(error, context).problem.extensions).toEqual({ limitBytes: 100 });
  });

  it('treats a raw JSON SyntaxError marked 400 as malformed JSON', () => {
    const error = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      statusCode: 400,
    });
    expect(toProblem(error, context).problem.type).toBe(PROBLEM_TYPES.malformedJson);
  });

  it('tells an unmatched route from a missing resource', () => {
    const missing = new NotFoundException('Consent not found');
    expect(toProblem(missing, { ...context, is404: true }).problem.type).toBe(
      PROBLEM_TYPES.routeNotFound,
    );
    expect(toProblem(missing, context).problem).toMatchObject({
      type: PROBLEM_TYPES.notFound,
      detail: 'Consent not found',
    });
  });

  it('keeps the message of an HttpException thrown on purpose', () => {
    expect(toProblem(new BadRequestException('from must be before to'), context).problem).toEqual({
      type: PROBLEM_TYPES.badRequest,
      title: 'Bad Request',
      status: 400,
      detail: 'from must be before to',
    });
  });

  it('uses about:blank for a status without a problem type of its own', () => {
    expect(toProblem(new HttpException('teapot', 418), context).problem).toMatchObject({
      type: 'about:blank',
      title: "I'm a Teapot",
    });
  });

  it('passes a ProblemException through unchanged', () => {
    const problem = {
      type: PROBLEM_TYPES.notReady,
      title: 'Service not ready',
      status: 503,
      detail: 'x',
    } as const;
    expect(toProblem(new ProblemException(problem), context).problem).toBe(problem);
  });
});

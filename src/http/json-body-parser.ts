import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';
import { findRefusedValue } from './json-value-rules';
import { type Problem, ProblemException } from './problem';
import { PROBLEM_TYPES } from './problem-types';

const JSON_MEDIA_TYPE = 'application/json';

/**
 * Makes `application/json` the only request body the service takes, and parses it strictly,
 * before any hook, guard, interceptor or handler sees it (docs/adr/0021):
 *
 * - any other media type (text/plain, forms, none with a body) is 415: Fastify answers a
 *   type without a parser so;
 * - a charset other than UTF-8 is 415, bytes that are not UTF-8 are 400 (RFC 8259 §8.1):
 *   a lenient decoder would store U+FFFD in place of what the caller meant;
 * - objects and arrays nested more than {@link MAX_JSON_NESTING} levels are 400, found
 *   before parsing, without recursion;
 * - `__proto__` and `constructor.prototype` members are 400, as Fastify's own parser does
 *   (it is used here, on the decoded text);
 * - numbers that overflow to Infinity and strings with unpaired surrogates are 400.
 *
 * The body limit still applies (413) before any of this.
 */
export function acceptStrictJsonBodiesOnly(fastify: FastifyInstance, bodyLimit: number): void {
  // Fastify's own JSON parser (secure-json-parse) completes through `done`, synchronously.
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as CallbackBodyParser;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    JSON_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit },
    (request: FastifyRequest, raw: Buffer, done: (error: Error | null, body?: unknown) => void) => {
      const refused = refusedCharset(request);
      if (refused) return done(refused);
      const text = decodeUtf8(raw);
      if (text === undefined) return done(notUtf8());
      if (nestsDeeperThan(text, MAX_JSON_NESTING)) return done(nestedTooDeep());
      parseJson(request, text, (error: Error | null, body?: unknown) => {
        if (error) return done(error);
        const value = findRefusedValue(body);
        if (value) return done(new ProblemException(validationProblem(value.field, value.message)));
        done(null, body);
      });
    },
  );
}

type CallbackBodyParser = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, body?: unknown) => void,
) => void;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(raw: Buffer): string | undefined {
  try {
    return strictUtf8.decode(raw);
  } catch {
    return undefined;
  }
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

function refusedCharset(request: FastifyRequest): ProblemException | undefined {
  const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  return new ProblemException({
    type: PROBLEM_TYPES.unsupportedMediaType,
    title: 'Unsupported media type',
    status: 415,
    detail:
      'JSON bodies must be UTF-8. Send Content-Type: application/json (charset utf-8 or none).',
  });
}

function notUtf8(): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.malformedJson,
    title: 'Malformed JSON body',
    status: 400,
    detail: 'The request body is not valid UTF-8. Send JSON text encoded as UTF-8.',
    extensions: { errors: [{ field: 'body', message: 'must be UTF-8 encoded' }] },
  });
}

function nestedTooDeep(): ProblemException {
  const message = `must not nest objects and arrays more than ${MAX_JSON_NESTING} levels deep`;
  return new ProblemException({
    ...validationProblem('body', message),
    extensions: { errors: [{ field: 'body', message }], maxNesting: MAX_JSON_NESTING },
  });
}

function validationProblem(field: string, message: string): Problem {
  return {
    type: PROBLEM_TYPES.validationError,
    title: 'Request validation failed',
    status: 400,
    detail: `${field} ${message}`,
    extensions: { errors: [{ field, message }] },
  };
}

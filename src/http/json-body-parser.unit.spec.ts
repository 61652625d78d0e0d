import Fastify, { type FastifyInstance } from 'fastify';
import { acceptStrictJsonBodiesOnly } from './json-body-parser';
import { MAX_JSON_NESTING } from './json-nesting';
import { problemDocument } from './problem';
import { PROBLEM_TYPES } from './problem-types';
import { toProblem } from './to-problem';

const BODY_LIMIT = 4096;

/** Fastify with the strict parser, answering errors as the service's filter maps them. */
function echoServer(): FastifyInstance {
  const app = Fastify({ bodyLimit: BODY_LIMIT });
  acceptStrictJsonBodiesOnly(app, BODY_LIMIT);
  app.setErrorHandler((error, _request, reply) => {
    const { problem } = toProblem(error, { bodyLimitBytes: BODY_LIMIT, is404: false });
    void reply.code(problem.status).send(problemDocument(problem, undefined));
  });
  app.post('/echo', (request) => ({ received: request.body }));
  app.delete('/echo', (request) => ({ received: request.body ?? null }));
  return app;
}

describe('acceptStrictJsonBodiesOnly', () => {
  const app = echoServer();
  afterAll(() => app.close());

  const post = (payload: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': contentType }, payload });

  it('parses JSON as before, with or without a UTF-8 charset and a BOM', async () => {
    for (const contentType of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset="UTF-8"',
    ]) {
      const response = await post('{"name":"\\ud83d\\ude81 é","n":[1,2.5]}', contentType);
      expect({ contentType, body: response.json<unknown>() }).toEqual({
        contentType,
        body: { received: { name: '\ud83d\ude81 é', n: [1, 2.5] } },
      });
    }
    const withBom = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]));
    expect(withBom.json()).toEqual({ received: {} });
  });

  it.each([
    ['text/plain', '{"a":1}'],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/jsonx', '{}'],
    ['application/merge-patch+json', '{}'],
    ['application/json; charset=iso-8859-1', '{}'],
    ['application/json; charset=utf-16', '{}'],
  ])('refuses %s with 415', async (contentType, payload) => {
    const response = await post(payload, contentType);
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ type: PROBLEM_TYPES.unsupportedMediaType });
  });

  it('refuses a body without a content type with 415', async () => {
    const response = await app.inject({ method: 'POST', url: '/echo', payload: '{"a":1}' });
    expect(response.statusCode).toBe(415);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['0xFF', [0xff]],
  ])('refuses raw invalid UTF-8 (%s) with 400 instead of storing U+FFFD', async (_case, bytes) => {
    const payload = Buffer.concat([
      Buffer.from('{"name":"a'),
      Buffer.from(bytes),
      Buffer.from('"}'),
    ]);
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: PROBLEM_TYPES.malformedJson,
      errors: [{ field: 'body', message: 'must be UTF-8 encoded' }],
    });
  });

  it(`takes ${MAX_JSON_NESTING} levels of nesting and refuses more with 400, however deep`, async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect((await post(nested(MAX_JSON_NESTING))).statusCode).toBe(200);
    for (const depth of [MAX_JSON_NESTING + 1, 100, 2_000]) {
      const response = await post(`{"a":${nested(depth - 1)}}`);
      expect({ depth, status: response.statusCode }).toEqual({ depth, status: 400 });
      expect(response.json()).toMatchObject({
        type: PROBLEM_TYPES.validationError,
        maxNesting: MAX_JSON_NESTING,
        errors: [{ field: 'body' }],
      });
    }
  });

  it('refuses a number that overflows to Infinity, naming its field', async () => {
    const response = await post('{"appSubjectId":1e400,"residency":"row"}');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: PROBLEM_TYPES.validationError,
      errors: [{ field: 'appSubjectId', message: expect.stringContaining('finite') as unknown }],
    });
  });

  it('refuses an unpaired surrogate escape, naming its field', async () => {
    const response = await post('{"outer":{"list":["ok","\\udc00"]}}');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ field: 'outer.list[1]' }] });
  });

  it('keeps refusing prototype poisoning, empty and malformed bodies as malformed JSON', async () => {
    for (const payload of [
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"admin":true}}}',
      '',
      '{"a":',
      'NaN',
    ]) {
      const response = await post(payload);
      expect({
        payload,
        status: response.statusCode,
        type: response.json<{ type: string }>().type,
      }).toEqual({
        payload,
        status: 400,
        type: PROBLEM_TYPES.malformedJson,
      });
    }
  });

  it('keeps the body limit: 413', async () => {
    const response = await post(JSON.stringify({ s: 'x'.repeat(BODY_LIMIT) }));
    expect(response.statusCode).toBe(413);
  });

  it('leaves a DELETE without a body alone', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/echo' });
    expect(response.json()).toEqual({ received: null });
  });
});

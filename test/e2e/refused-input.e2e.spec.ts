import { randomUUID } from 'node:crypto';
import { MAX_JSON_NESTING } from '../../src/http/json-nesting';
import { listenOnLoopback, type RawResponse, sendRaw } from '../support/raw-http';
import { DEVICE_INFO, policyVersion } from './consent/fixtures';
import {
  expectFieldError,
  expectProblem,
  PROBLEMS,
  type RegisteredSubject,
  useConsentApi,
} from './consent/harness';

/**
 * Regressions for the bad input that reached a 500 or an answer that was not problem+json
 * (issue #13, items 4 and 5): each is refused with a 4xx problem naming what is allowed.
 */
const api = useConsentApi({ LOG_LEVEL: 'debug' });

let subject: RegisteredSubject;
beforeAll(async () => {
  subject = await api.registerSubject();
});

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('bodies', () => {
  it.each([2_000, 5_000])(
    'refuses objects and arrays nested %i deep with 400, not a stack overflow',
    async (depth) => {
      for (const payload of [
        `{"appSubjectId":${nested(depth)},"residency":"row"}`,
        `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      ]) {
        const problem = expectFieldError(await api.post('/v1/subjects', payload), 'body');
        expect(problem.maxNesting).toBe(MAX_JSON_NESTING);
        expect(problem.detail).toContain(`more than ${MAX_JSON_NESTING} levels`);
      }
    },
  );

  it('refuses a number that overflows to Infinity with 400 naming the field', async () => {
    const response = await api.post('/v1/subjects', '{"appSubjectId":1e400,"residency":"row"}');
    expect(expectFieldError(response, 'appSubjectId').detail).toContain('finite number');
    const check = await api.post('/v1/checks', `{"subjectId":"${subject.subjectId}","at":-1e999}`);
    expectFieldError(check, 'at');
  });

  it.each([[[]], [[[]]], [1], ['x'], [null], [true]])(
    'refuses a batch check entry %j with 400, not a database error',
    async (entry) => {
      const response = await api.post('/v1/checks/batch', { checks: [entry] });
      expectFieldError(response, 'checks');
    },
  );

  it.each([[[]], ['reason'], [42], [[{ reason: 'r' }]]])(
    'refuses an erasure override %j with 400, not a sealing error',
    async (override) => {
      const path = `${subject.path}/erasure-requests/${randomUUID()}/completion`;
      expectFieldError(await api.post(path, { override }), 'override');
    },
  );

  it.each([
    ['/v1/checks', () => ({ subjectId: subject.subjectId, ...DEVICE_INFO, at: null }), 'at'],
    [
      '/v1/checks/batch',
      () => ({ checks: [{ subjectId: subject.subjectId, ...DEVICE_INFO, precision: null }] }),
      'checks.0.precision',
    ],
    [
      '/v1/subjects',
      () => ({ appSubjectId: 'n', residency: 'row', occurredAt: null }),
      'occurredAt',
    ],
    ['/v1/api-keys', () => ({ name: 'n', roles: ['app'], expiresAt: null }), 'expiresAt'],
  ])('refuses null for an optional field of %s with 400, not a 500', async (url, body, field) => {
    expectFieldError(await api.post(url, body()), field);
  });

  it('refuses a sync location that is an array with 400', async () => {
    const body = { syncId: 's-1', ...DEVICE_INFO, precision: 'precise', userInitiated: true };
    const response = await api.post(`${subject.path}/syncs`, { ...body, location: [] });
    expectFieldError(response, 'location');
  });

  it.each(['categories', 'purposes', 'recipients'])(
    'refuses a policy whose %s hold an array with 400',
    async (list) => {
      const policy = policyVersion(2);
      const response = await api.post('/v1/policies', { ...policy, [list]: [[]] });
      expectFieldError(response, list);
    },
  );

  it('refuses raw invalid UTF-8 with 400 instead of registering U+FFFD', async () => {
    const appSubjectId = `utf8-${randomUUID()}`;
    const payload = Buffer.concat([
      Buffer.from(`{"appSubjectId":"${appSubjectId}`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","residency":"row"}'),
    ]);
    const response = await api.inject({
      method: 'POST',
      url: '/v1/subjects',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      payload,
    });
    expectProblem(response, 400, 'malformed-json');
    const lookup = await api.post('/v1/subjects/lookup', {
      appSubjectId: `${appSubjectId}\ufffd\ufffd`,
    });
    expectProblem(lookup, 404, 'subject-not-found');
  });

  it.each([
    ['text/plain', '{"appSubjectId":"a","residency":"row"}'],
    ['application/x-www-form-urlencoded', 'appSubjectId=a&residency=row'],
    ['application/json; charset=iso-8859-1', '{"appSubjectId":"a","residency":"row"}'],
  ])('refuses a body sent as %s with 415', async (contentType, payload) => {
    const response = await api.send('POST', '/v1/subjects', payload, {
      headers: { 'content-type': contentType },
    });
    expectProblem(response, 415, 'unsupported-media-type');
  });
});

describe('what the router refuses', () => {
  it('answers a path it cannot decode with a 400 problem that echoes nothing', async () => {
    const response = await api.get('/v1/subjects/%ZZ/permissions?email=canary%40example.org');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
    expect(response.json()).toEqual({
      type: `${PROBLEMS}/malformed-url`,
      title: 'Malformed URL',
      status: 400,
      detail: expect.stringContaining('percent-encoded') as unknown,
    });
  });

  it('answers a path parameter over 100 characters with a 414 problem', async () => {
    const response = await api.get(`/v1/subjects/${'a'.repeat(101)}/permissions?q=1`);
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({
      type: `${PROBLEMS}/uri-too-long`,
      status: 414,
      maxParameterLength: 100,
    });
    expect(response.body).not.toContain('aaaa');
  });
});

describe('what Node refuses before Fastify sees a request (real socket)', () => {
  let port: number;
  beforeAll(async () => {
    port = await listenOnLoopback(api.app);
  });

  const expectRawProblem = (response: RawResponse, status: number, type: string) => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body)).toMatchObject({ type: `${PROBLEMS}/${type}`, status });
    expect(response.body).not.toContain('canary');
  };

  it('answers headers over the size limit with a 431 problem', async () => {
    const response = await sendRaw(
      port,
      `GET /health?canary=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'x'.repeat(17_000)}\r\n\r\n`,
    );
    expectRawProblem(response, 431, 'headers-too-large');
  });

  it.each([
    [
      'a header without a colon',
      'GET /health?canary=1 HTTP/1.1\r\nHost: x\r\nno colon canary\r\n\r\n',
    ],
    ['an invalid method', 'G@T /health?canary=1 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a space in the target', 'GET /v1/sub jects?canary=1 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an unknown HTTP version', 'GET /health?canary=1 HTTP/7.3\r\nHost: x\r\n\r\n'],
    [
      'a conflicting length',
      'POST /v1/subjects?canary=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
    ],
  ])('answers %s with a 400 problem', async (_case, request) => {
    expectRawProblem(await sendRaw(port, request), 400, 'malformed-request');
  });

  it('answers a raw path with bytes that are not percent-encoded UTF-8 with a 400 problem', async () => {
    const response = await sendRaw(
      port,
      'GET /v1/subjects/%E0%A4%A/permissions?canary=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expectRawProblem(response, 400, 'malformed-url');
  });
});

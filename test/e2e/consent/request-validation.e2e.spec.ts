import { DEVICE_INFO, policyVersion } from './fixtures';
import {
  expectFieldError,
  expectProblem,
  type Json,
  type RegisteredSubject,
  UNKNOWN_SUBJECT,
  useConsentApi,
} from './harness';

const BODY_LIMIT_BYTES = 16_384;

const api = useConsentApi({ BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });

let subject: RegisteredSubject;
beforeAll(async () => {
  subject = await api.registerSubject();
});

interface BodyEndpoint {
  readonly method: 'POST' | 'PUT';
  /** Built lazily: the subject exists only once the app has started. */
  readonly url: () => string;
  readonly body: () => Json;
}

const BODY_ENDPOINTS: Record<string, BodyEndpoint> = {
  'POST /v1/policies': { method: 'POST', url: () => '/v1/policies', body: () => policyVersion(2) },
  'POST /v1/subjects': {
    method: 'POST',
    url: () => '/v1/subjects',
    body: () => ({ appSubjectId: 'pilot-1', residency: 'row' }),
  },
  'POST /v1/subjects/lookup': {
    method: 'POST',
    url: () => '/v1/subjects/lookup',
    body: () => ({ appSubjectId: 'pilot-1' }),
  },
  'POST /v1/subjects/:subjectId/grants': {
    method: 'POST',
    url: () => `${subject.path}/grants`,
    body: () => DEVICE_INFO,
  },
  'POST /v1/subjects/:subjectId/revocations': {
    method: 'POST',
    url: () => `${subject.path}/revocations`,
    body: () => DEVICE_INFO,
  },
  'POST /v1/subjects/:subjectId/syncs': {
    method: 'POST',
    url: () => `${subject.path}/syncs`,
    body: () => ({ syncId: 's-1', ...DEVICE_INFO, precision: 'precise', userInitiated: true }),
  },
  'PUT /v1/subjects/:subjectId/local-data-mode': {
    method: 'PUT',
    url: () => `${subject.path}/local-data-mode`,
    body: () => ({ on: true }),
  },
  'POST /v1/subjects/:subjectId/erasure-requests': {
    method: 'POST',
    url: () => `${subject.path}/erasure-requests`,
    body: () => ({ scope: 'account' }),
  },
};

describe.each(Object.entries(BODY_ENDPOINTS))('%s', (_, endpoint) => {
  const send = (payload: unknown, headers: Record<string, string> = {}) =>
    api.send(endpoint.method, endpoint.url(), payload, { headers });

  it('refuses malformed JSON with 400', async () => {
    const text = JSON.stringify(endpoint.body()).slice(0, -1);
    const problem = expectProblem(await send(text), 400, 'malformed-json');
    expect(problem.detail).toContain('not valid JSON');
  });

  it(`refuses a body over BODY_LIMIT_BYTES (${BODY_LIMIT_BYTES}) with 413 stating the limit`, async () => {
    const body = { ...endpoint.body(), padding: 'x'.repeat(BODY_LIMIT_BYTES) };
    const problem = expectProblem(await send(body), 413, 'payload-too-large');
    expect(problem.limitBytes).toBe(BODY_LIMIT_BYTES);
  });

  it('refuses an unknown property with 400 naming it', async () => {
    const problem = expectFieldError(
      await send({ ...endpoint.body(), tenantId: 'other' }),
      'tenantId',
    );
    expect(problem.errors).toEqual([
      { field: 'tenantId', message: 'property tenantId should not exist' },
    ]);
  });

  it('refuses a body that is not a JSON object with 400', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      expectProblem(await send(payload), 400, 'validation-error');
    }
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await send('<on>true</on>', { 'content-type': 'application/xml' });
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('accepts the valid body it is tested against (sanity check of the table)', async () => {
    const response = await send(endpoint.body());
    expect(response.statusCode).toBeLessThan(300);
  });
});

describe('path parameters', () => {
  const SUBJECT_ROUTES: readonly (readonly [string, string, Json | undefined])[] = [
    ['GET', '', undefined],
    ['GET', '/permissions', undefined],
    ['POST', '/grants', DEVICE_INFO],
    ['POST', '/revocations', DEVICE_INFO],
    [
      'POST',
      '/syncs',
      { syncId: 's-2', ...DEVICE_INFO, precision: 'precise', userInitiated: true },
    ],
    ['PUT', '/local-data-mode', { on: true }],
    ['POST', '/erasure-requests', { scope: 'account' }],
  ];

  it.each(SUBJECT_ROUTES)(
    '%s /v1/subjects/:subjectId%s: 400 for a non-UUID id, 404 for an unknown one',
    async (method, suffix, body) => {
      const call = (id: string) =>
        method === 'GET'
          ? api.get(`/v1/subjects/${id}${suffix}`)
          : api.send(method as 'POST' | 'PUT', `/v1/subjects/${id}${suffix}`, body);
      for (const bad of ['pilot-4711', '1', `${UNKNOWN_SUBJECT}x`]) {
        const problem = expectProblem(await call(bad), 400, 'bad-request');
        expect(problem.detail).toMatch(/uuid/i);
      }
      expectProblem(await call(UNKNOWN_SUBJECT), 404, 'subject-not-found');
    },
  );

  it('answers a method a route does not have with a 404 problem', async () => {
    const response = await api.inject({ method: 'DELETE', url: subject.path });
    expectProblem(response, 404, 'route-not-found');
  });
});

import { randomUUID } from 'node:crypto';
import { DEVICE_INFO } from './fixtures';
import { expectFieldError, expectProblem, UNKNOWN_SUBJECT, useConsentApi } from './harness';

const api = useConsentApi();

describe('POST /v1/subjects', () => {
  it('registers a subject under a random pseudonym, with its ETag and a consistency token', async () => {
    const appSubjectId = `pilot-${randomUUID()}`;
    const response = await api.post('/v1/subjects', {
      appSubjectId,
      residency: 'row',
      email: 'ada@example.com',
      phone: '+41441234567',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<Record<string, unknown>>();
    expect(body).toEqual({
      subjectId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ) as unknown,
      revision: 0,
      consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
      replayed: false,
    });
    expect(body.subjectId).not.toContain(appSubjectId);
    expect(response.headers.etag).toBe('"0"');
  });

  it('answers a second registration of the same app id with 409 naming the existing subject', async () => {
    const subject = await api.registerSubject();
    const again = await api.post('/v1/subjects', {
      appSubjectId: subject.appSubjectId,
      residency: 'cn',
    });
    const problem = expectProblem(again, 409, 'subject-already-registered');
    expect(problem.subjectId).toBe(subject.subjectId);
    expect(problem.detail).not.toContain(subject.appSubjectId);
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(1);
  });

  it('lists the valid residencies when the region is unknown', async () => {
    const response = await api.post('/v1/subjects', {
      appSubjectId: randomUUID(),
      residency: 'eu',
    });
    const problem = expectProblem(response, 400, 'unknown-value');
    expect(problem).toMatchObject({ field: 'residency', allowed: ['cn', 'row'] });
  });

  it.each([
    ['appSubjectId', { appSubjectId: 'x'.repeat(201) }],
    ['appSubjectId', { appSubjectId: '' }],
    ['appSubjectId', { appSubjectId: 4711 }],
    ['appSubjectId', { appSubjectId: undefined }],
    ['residency', { residency: 'Rest Of World' }],
    ['residency', { residency: ['row'] }],
    ['email', { email: 'not-an-email' }],
    ['email', { email: `${'a'.repeat(250)}@example.com` }],
    ['phone', { phone: '0441234567' }],
    ['phone', { phone: '+41 44 123 45 67' }],
    ['occurredAt', { occurredAt: 'yesterday' }],
    ['nickname', { nickname: 'ace' }],
  ])('refuses a bad %s with 400 naming the field', async (field, change) => {
    const response = await api.post('/v1/subjects', {
      appSubjectId: randomUUID(),
      residency: 'row',
      ...change,
    });
    expectFieldError(response, field);
  });

  it('accepts the longest app id allowed (200 characters)', async () => {
    const subject = await api.registerSubject({
      appSubjectId: `${randomUUID()}${'x'.repeat(164)}`,
    });
    expect(subject.revision).toBe(0);
  });

  // Bug: keyedDigest throws a RangeError for U+0000 and lone surrogates, which surfaces as 500.
  it.each([
    ['a lone surrogate', '"pilot-\\ud800-x"'],
    ['U+0000', '"pilot-\\u0000-x"'],
  ])('refuses an app id containing %s with 400, not 500', async (_label, json) => {
    const register = await api.post('/v1/subjects', `{"appSubjectId":${json},"residency":"row"}`);
    expectFieldError(register, 'appSubjectId');
    const lookup = await api.post('/v1/subjects/lookup', `{"appSubjectId":${json}}`);
    expectFieldError(lookup, 'appSubjectId');
  });
});

describe('POST /v1/subjects/lookup', () => {
  it("finds the pseudonym by the app's id, sent in the body", async () => {
    const subject = await api.registerSubject();
    const response = await api.inject({
      method: 'POST',
      url: '/v1/subjects/lookup',
      payload: { appSubjectId: subject.appSubjectId },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ subjectId: subject.subjectId });
  });

  it('answers 404 for an app id never registered', async () => {
    const response = await api.post('/v1/subjects/lookup', { appSubjectId: randomUUID() });
    expectProblem(response, 404, 'subject-not-found');
  });

  // Bug: the lookup row is written before the registration is decided, and stays when the
  // decision refuses it.
  it('finds nothing for an app id whose registration was refused', async () => {
    const appSubjectId = `refused-${randomUUID()}`;
    const refused = await api.post('/v1/subjects', { appSubjectId, residency: 'eu' });
    expectProblem(refused, 400, 'unknown-value');
    const lookup = await api.post('/v1/subjects/lookup', { appSubjectId });
    expectProblem(lookup, 404, 'subject-not-found');
  });

  it.each([
    ['appSubjectId', {}],
    ['appSubjectId', { appSubjectId: '' }],
    ['appSubjectId', { appSubjectId: 'x'.repeat(201) }],
    ['appSubjectId', { appSubjectId: 12 }],
    ['email', { appSubjectId: 'x', email: 'a@example.com' }],
  ])('refuses a bad body with 400 naming %s', async (field, body) => {
    expectFieldError(await api.post('/v1/subjects/lookup', body), field);
  });

  it('needs no Idempotency-Key: it changes nothing', async () => {
    const subject = await api.registerSubject();
    const response = await api.post(
      '/v1/subjects/lookup',
      { appSubjectId: subject.appSubjectId },
      { key: null },
    );
    expect(response.statusCode).toBe(200);
  });
});

describe('GET /v1/subjects/:subjectId', () => {
  it('shows the registration with its personal fields decrypted, uncached, with the ETag', async () => {
    const subject = await api.registerSubject({
      email: 'grace@example.com',
      phone: '+41791234567',
      residency: 'cn',
    });
    const response = await api.get(subject.path);
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(subject.etag);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      subjectId: subject.subjectId,
      residency: 'cn',
      registeredAt: expect.stringMatching(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
      ) as unknown,
      appSubjectId: subject.appSubjectId,
      email: 'grace@example.com',
      phone: '+41791234567',
      personalDataAvailable: true,
      localDataMode: false,
      erasureRequests: [],
      revision: 0,
    });
  });

  it('leaves out e-mail and phone when none were given', async () => {
    const subject = await api.registerSubject();
    const view = (await api.get(subject.path)).json<Record<string, unknown>>();
    expect(view).not.toHaveProperty('email');
    expect(view).not.toHaveProperty('phone');
  });

  it('answers an unknown subject with 404', async () => {
    expectProblem(await api.get(`/v1/subjects/${UNKNOWN_SUBJECT}`), 404, 'subject-not-found');
  });

  it('answers a subject id that is not a UUID with 400', async () => {
    const problem = expectProblem(await api.get('/v1/subjects/pilot-4711'), 400, 'bad-request');
    expect(problem.detail).toMatch(/uuid/i);
  });

  // Bug: UUIDs are case-insensitive on input (RFC 9562 §4), and ParseUUIDPipe accepts upper
  // case, but the stream name is built from the id as sent.
  it('finds the subject when its id is sent in upper case', async () => {
    const subject = await api.registerSubject();
    const response = await api.get(`/v1/subjects/${subject.subjectId.toUpperCase()}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ subjectId: subject.subjectId });
  });
});

describe('after an account erasure request', () => {
  it('lists the request and refuses further consent commands with 409 subject-erased', async () => {
    const subject = await api.registerSubject({ email: 'erin@example.com' });
    const erasure = await api.post(`${subject.path}/erasure-requests`, { scope: 'account' });
    expect(erasure.statusCode).toBe(201);
    const { erasureId } = erasure.json<{ erasureId: string }>();

    const view = (await api.get(subject.path)).json<Record<string, unknown>>();
    expect(view.erasureRequests).toEqual([
      { erasureId, scope: 'account', requestedAt: expect.any(String) as unknown },
    ]);

    expectProblem(await api.post(`${subject.path}/grants`, DEVICE_INFO), 409, 'subject-erased');
    expectProblem(
      await api.post(`${subject.path}/revocations`, DEVICE_INFO),
      409,
      'subject-erased',
    );
    expectProblem(
      await api.put(`${subject.path}/local-data-mode`, { on: true }),
      409,
      'subject-erased',
    );
    expectProblem(
      await api.post(`${subject.path}/syncs`, {
        ...DEVICE_INFO,
        syncId: 'after-erasure',
        precision: 'precise',
        userInitiated: true,
      }),
      409,
      'subject-erased',
    );
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(2);
  });
});

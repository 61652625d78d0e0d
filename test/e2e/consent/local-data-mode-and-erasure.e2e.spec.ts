import { APP_PERFORMANCE, CATEGORY_KEYS, DEVICE_INFO, LOCATION_CHECK, MEDIA } from './fixtures';
import {
  expectFieldError,
  expectProblem,
  type RegisteredSubject,
  UNKNOWN_SUBJECT,
  useConsentApi,
} from './harness';

const api = useConsentApi();

describe('PUT /v1/subjects/:subjectId/local-data-mode', () => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
    expect((await api.post(`${subject.path}/grants`, DEVICE_INFO)).statusCode).toBe(201);
  });

  it('switches on: 200 with the new revision, and nothing is permitted, mandatory included', async () => {
    const response = await api.put(`${subject.path}/local-data-mode`, { on: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      subjectId: subject.subjectId,
      revision: 2,
      consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
      replayed: false,
    });
    expect(response.headers.etag).toBe('"2"');

    const view = await api.permissions(subject.path);
    expect(view).toMatchObject({ localDataMode: true, revision: 2 });
    const own = view.permissions.filter((p) => p.recipient.endsWith('-row'));
    expect(own.filter((p) => p.permitted)).toEqual([]);
    for (const combination of [DEVICE_INFO, APP_PERFORMANCE, LOCATION_CHECK]) {
      const row = await api.permission(subject.path, combination);
      expect(row).toMatchObject({ permitted: false });
      expect(row.reasons).toContain('local-data-mode');
    }
    expect((await api.get(subject.path)).json()).toMatchObject({ localDataMode: true });
  });

  it('switching to the mode already in force records nothing but still answers a token', async () => {
    const before = await api.subjectEvents(subject.subjectId);
    const response = await api.put(`${subject.path}/local-data-mode`, { on: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      revision: 2,
      consistencyToken: String(before.at(-1)!.globalPosition),
    });
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(before.length);
  });

  it('switches off: the grant, the opt-out default and the mandatory category flow again', async () => {
    const response = await api.put(`${subject.path}/local-data-mode`, { on: false });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ revision: 3 });
    expect(await api.permission(subject.path, DEVICE_INFO)).toMatchObject({
      permitted: true,
      basis: 'grant',
    });
    expect(await api.permission(subject.path, APP_PERFORMANCE)).toMatchObject({
      permitted: true,
      basis: 'opt-out-default',
    });
    expect(await api.permission(subject.path, LOCATION_CHECK)).toMatchObject({
      permitted: true,
      basis: 'mandatory',
    });
    const types = (await api.subjectEvents(subject.subjectId)).map((e) => e.type);
    expect(types).toEqual([
      'subject-registered',
      'consent-granted',
      'local-data-mode-switched-on',
      'local-data-mode-switched-off',
    ]);
  });

  it.each([
    ['on', { on: 'true' }],
    ['on', { on: 1 }],
    ['on', {}],
    ['occurredAt', { on: true, occurredAt: 'soon' }],
    ['reason', { on: true, reason: 'flying abroad' }],
  ])('refuses a bad %s with 400 naming the field', async (field, body) => {
    expectFieldError(await api.put(`${subject.path}/local-data-mode`, body), field);
  });

  it('answers an unknown subject with 404 and a non-UUID id with 400', async () => {
    expectProblem(
      await api.put(`/v1/subjects/${UNKNOWN_SUBJECT}/local-data-mode`, { on: true }),
      404,
      'subject-not-found',
    );
    expectProblem(
      await api.put('/v1/subjects/not-a-uuid/local-data-mode', { on: true }),
      400,
      'bad-request',
    );
  });
});

describe('POST /v1/subjects/:subjectId/erasure-requests', () => {
  it('erases listed categories: only those stop flowing', async () => {
    const subject = await api.registerSubject();
    expect((await api.post(`${subject.path}/grants`, MEDIA)).statusCode).toBe(201);
    const response = await api.post(`${subject.path}/erasure-requests`, {
      scope: 'categories',
      categories: ['media', 'app-performance'],
      requestedBy: 'privacy-officer',
    });
    expect(response.statusCode).toBe(201);
    const receipt = response.json<{ erasureId: string }>();
    expect(receipt).toEqual({
      subjectId: subject.subjectId,
      revision: 2,
      consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
      replayed: false,
      erasureId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    });
    expect(response.headers.etag).toBe('"2"');

    expect(await api.permission(subject.path, MEDIA)).toMatchObject({
      permitted: false,
      reasons: ['erased'],
    });
    expect(await api.permission(subject.path, APP_PERFORMANCE)).toMatchObject({
      permitted: false,
      reasons: ['erased'],
    });
    expect(await api.permission(subject.path, LOCATION_CHECK)).toMatchObject({ permitted: true });
    expect((await api.get(subject.path)).json()).toMatchObject({
      erasureRequests: [
        {
          erasureId: receipt.erasureId,
          scope: 'categories',
          categories: ['media', 'app-performance'],
        },
      ],
    });
    // Consent commands still work for the other categories.
    expect((await api.post(`${subject.path}/grants`, DEVICE_INFO)).statusCode).toBe(201);
  });

  it('erases the account: nothing is permitted, and a second request is 409', async () => {
    const subject = await api.registerSubject();
    const response = await api.post(`${subject.path}/erasure-requests`, { scope: 'account' });
    expect(response.statusCode).toBe(201);
    const view = await api.permissions(subject.path);
    for (const row of view.permissions) {
      expect(row.permitted).toBe(false);
      expect(row.reasons).toContain('erased');
    }
    const events = await api.subjectEvents(subject.subjectId);
    expect(events.at(-1)).toMatchObject({
      type: 'erasure-requested',
      data: { scope: { kind: 'account' }, requestedBy: 'subject' },
    });

    const again = await api.post(`${subject.path}/erasure-requests`, { scope: 'account' });
    expectProblem(again, 409, 'erasure-already-requested');
    const categories = await api.post(`${subject.path}/erasure-requests`, {
      scope: 'categories',
      categories: ['media'],
    });
    expectProblem(categories, 409, 'erasure-already-requested');
  });

  it('lists the valid categories of an unknown one', async () => {
    const subject = await api.registerSubject();
    const response = await api.post(`${subject.path}/erasure-requests`, {
      scope: 'categories',
      categories: ['media', 'weather'],
    });
    const problem = expectProblem(response, 400, 'unknown-value');
    expect(problem).toMatchObject({ field: 'scope.categories', allowed: CATEGORY_KEYS });
  });

  it.each([
    ['scope', { scope: 'everything' }],
    ['scope', {}],
    ['categories', { scope: 'categories' }],
    ['categories', { scope: 'categories', categories: [] }],
    ['categories', { scope: 'categories', categories: 'media' }],
    ['categories', { scope: 'categories', categories: ['Media'] }],
    [
      'categories',
      { scope: 'categories', categories: Array.from({ length: 101 }, (_, i) => `c${i}`) },
    ],
    ['requestedBy', { scope: 'account', requestedBy: 'court' }],
    ['occurredAt', { scope: 'account', occurredAt: 'today' }],
    ['deadline', { scope: 'account', deadline: '2027-01-01' }],
  ])('refuses a bad %s with 400 naming the field', async (field, body) => {
    const subject = await api.registerSubject();
    expectFieldError(await api.post(`${subject.path}/erasure-requests`, body), field);
  });

  it('answers an unknown subject with 404 and a non-UUID id with 400', async () => {
    expectProblem(
      await api.post(`/v1/subjects/${UNKNOWN_SUBJECT}/erasure-requests`, { scope: 'account' }),
      404,
      'subject-not-found',
    );
    expectProblem(
      await api.post('/v1/subjects/123/erasure-requests', { scope: 'account' }),
      400,
      'bad-request',
    );
  });
});

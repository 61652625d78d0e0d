import {
  APP_PERFORMANCE,
  CATEGORY_KEYS,
  DEVICE_INFO,
  FLIGHT_LOGS,
  LOCATION_CHECK,
  MAP_LOCATION,
  MAP_LOCATION_CN,
  PURPOSE_KEYS,
  RECIPIENT_KEYS,
} from './fixtures';
import {
  expectFieldError,
  expectProblem,
  isoFromNow,
  type RegisteredSubject,
  UNKNOWN_SUBJECT,
  useConsentApi,
} from './harness';

const api = useConsentApi();

describe.each([
  ['grants', 'POST /v1/subjects/:subjectId/grants'],
  ['revocations', 'POST /v1/subjects/:subjectId/revocations'],
])('%s (%s)', (resource) => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
  });
  const url = () => `${subject.path}/${resource}`;

  it.each([
    ['category', { ...DEVICE_INFO, category: 'weather' }, CATEGORY_KEYS],
    ['recipient', { ...DEVICE_INFO, recipient: 'ad-network' }, RECIPIENT_KEYS],
    ['purpose', { ...DEVICE_INFO, purpose: 'marketing' }, PURPOSE_KEYS],
  ])('lists the valid values of an unknown %s', async (field, body, allowed) => {
    const problem = expectProblem(await api.post(url(), body), 400, 'unknown-value');
    expect(problem).toMatchObject({ field, allowed });
    expect(problem.detail).toContain(allowed.join(', '));
  });

  it('refuses a combination the policy does not offer with what it does offer', async () => {
    const response = await api.post(url(), { ...DEVICE_INFO, recipient: 'map-provider-row' });
    const problem = expectProblem(response, 400, 'combination-not-offered');
    expect(problem).toMatchObject({
      recipients: ['first-party-row', 'first-party-cn'],
      purposes: ['diagnostics', 'service-improvement'],
    });
  });

  it('refuses a mandatory category with 422', async () => {
    const problem = expectProblem(await api.post(url(), LOCATION_CHECK), 422, 'mandatory-category');
    expect(problem.detail).toContain('location-check');
  });

  it('refuses a per-transfer category with 422', async () => {
    const problem = expectProblem(await api.post(url(), FLIGHT_LOGS), 422, 'per-transfer-category');
    expect(problem.detail).toContain('flight-logs');
  });

  it.each([
    ['category', { ...DEVICE_INFO, category: 'Device Info' }],
    ['category', { ...DEVICE_INFO, category: 7 }],
    ['recipient', { ...DEVICE_INFO, recipient: undefined }],
    ['purpose', { ...DEVICE_INFO, purpose: 'x'.repeat(64) }],
    ['occurredAt', { ...DEVICE_INFO, occurredAt: '22/11/2026' }],
    ['occurredAt', { ...DEVICE_INFO, occurredAt: 1_795_000_000_000 }],
    ['actor', { ...DEVICE_INFO, actor: 'robot' }],
    ['policyVersion', { ...DEVICE_INFO, policyVersion: 1 }],
  ])('refuses a bad %s with 400 naming the field', async (field, body) => {
    expectFieldError(await api.post(url(), body), field);
  });

  it('answers an unknown subject with 404 and a non-UUID id with 400', async () => {
    expectProblem(
      await api.post(`/v1/subjects/${UNKNOWN_SUBJECT}/${resource}`, DEVICE_INFO),
      404,
      'subject-not-found',
    );
    expectProblem(await api.post(`/v1/subjects/42/${resource}`, DEVICE_INFO), 400, 'bad-request');
  });

  it('records nothing for any of the refused requests', async () => {
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(1);
  });
});

describe('granting and revoking, as the permissions show it', () => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
  });

  it('shows the defaults: opt-in refused, opt-out and mandatory permitted, other region refused', async () => {
    const view = await api.permissions(subject.path);
    expect(view).toMatchObject({
      subjectId: subject.subjectId,
      policyVersion: 1,
      localDataMode: false,
      revision: 0,
    });
    const row = (c: typeof DEVICE_INFO) =>
      view.permissions.find(
        (p) => p.category === c.category && p.recipient === c.recipient && p.purpose === c.purpose,
      );
    expect(row(MAP_LOCATION)).toEqual({
      ...MAP_LOCATION,
      default: 'opt-in',
      permitted: false,
      reasons: ['no-basis'],
    });
    expect(row(APP_PERFORMANCE)).toMatchObject({ permitted: true, basis: 'opt-out-default' });
    expect(row(LOCATION_CHECK)).toMatchObject({ permitted: true, basis: 'mandatory', reasons: [] });
    expect(row(FLIGHT_LOGS)).toMatchObject({ permitted: false, reasons: ['per-transfer-only'] });
    expect(row(MAP_LOCATION_CN)).toMatchObject({
      permitted: false,
      reasons: ['no-basis', 'region'],
    });
  });

  it('grants: 201 with the new revision and ETag, and the combination is permitted on a grant', async () => {
    const response = await api.post(`${subject.path}/grants`, MAP_LOCATION);
    expect(response.statusCode).toBe(201);
    const body = response.json<{ consistencyToken: string }>();
    expect(body).toEqual({
      subjectId: subject.subjectId,
      revision: 1,
      consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
      replayed: false,
    });
    expect(BigInt(body.consistencyToken)).toBeGreaterThan(BigInt(subject.consistencyToken));
    expect(response.headers.etag).toBe('"1"');
    expect(await api.permission(subject.path, MAP_LOCATION)).toMatchObject({
      permitted: true,
      basis: 'grant',
      reasons: [],
    });
    const [, granted] = await api.subjectEvents(subject.subjectId);
    expect(granted).toMatchObject({
      type: 'consent-granted',
      data: { ...MAP_LOCATION, policyVersion: 1, actor: 'subject' },
    });
  });

  it('a grant to a recipient outside the residency is recorded but never permits the flow', async () => {
    const response = await api.post(`${subject.path}/grants`, MAP_LOCATION_CN);
    expect(response.statusCode).toBe(201);
    expect(await api.permission(subject.path, MAP_LOCATION_CN)).toMatchObject({
      permitted: false,
      reasons: ['region'],
    });
  });

  it('revokes: 201, and the combination is refused as revoked', async () => {
    const response = await api.post(`${subject.path}/revocations`, MAP_LOCATION);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ revision: 3, replayed: false });
    expect(response.headers.etag).toBe('"3"');
    expect(await api.permission(subject.path, MAP_LOCATION)).toMatchObject({
      permitted: false,
      reasons: ['revoked'],
    });
    expect(await api.permission(subject.path, MAP_LOCATION)).not.toHaveProperty('basis');
  });

  it('revokes an opt-out default, which then no longer flows', async () => {
    const response = await api.post(`${subject.path}/revocations`, {
      ...APP_PERFORMANCE,
      actor: 'app',
    });
    expect(response.statusCode).toBe(201);
    expect(await api.permission(subject.path, APP_PERFORMANCE)).toMatchObject({
      permitted: false,
      reasons: ['revoked'],
    });
    const events = await api.subjectEvents(subject.subjectId);
    expect(events.at(-1)).toMatchObject({ type: 'consent-revoked', data: { actor: 'app' } });
  });

  it('a grant with an expiry stops permitting once it has expired', async () => {
    const expiresAt = isoFromNow(60 * 60_000);
    const response = await api.post(`${subject.path}/grants`, { ...DEVICE_INFO, expiresAt });
    expect(response.statusCode).toBe(201);
    expect(await api.permission(subject.path, DEVICE_INFO)).toMatchObject({
      permitted: true,
      basis: 'grant',
    });
    expect(
      await api.permission(subject.path, DEVICE_INFO, isoFromNow(2 * 60 * 60_000)),
    ).toMatchObject({
      permitted: false,
      reasons: ['expired'],
    });
  });

  it('refuses an expiry that is not after the grant', async () => {
    const response = await api.post(`${subject.path}/grants`, {
      ...DEVICE_INFO,
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    expectProblem(response, 400, 'invalid-time');
    expectFieldError(
      await api.post(`${subject.path}/grants`, { ...DEVICE_INFO, expiresAt: 'next week' }),
      'expiresAt',
    );
  });

  it('every command moved the consistency token forward', async () => {
    const events = await api.subjectEvents(subject.subjectId);
    const positions = events.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
  });
});

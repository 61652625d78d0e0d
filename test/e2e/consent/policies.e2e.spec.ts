import { EXAMPLE_POLICY, MAP_LOCATION, DEVICE_INFO, policyVersion } from './fixtures';
import {
  DAY,
  expectFieldError,
  expectProblem,
  HOUR,
  isoFromNow,
  type RegisteredSubject,
  useConsentApi,
} from './harness';

const api = useConsentApi();

interface PolicyView {
  version: number;
  effectiveFrom: string;
  policy: { version: number; reconsentRequired: string[]; categories: { key: string }[] };
}

describe('reading policies', () => {
  it('GET /v1/policies/current is the example policy, version 1', async () => {
    const response = await api.get('/v1/policies/current');
    expect(response.statusCode).toBe(200);
    const view = response.json<PolicyView>();
    expect(view.version).toBe(1);
    expect(view.policy).toEqual(EXAMPLE_POLICY);
    expect(Date.parse(view.effectiveFrom)).toBeLessThanOrEqual(Date.now());
  });

  it('GET /v1/policies/1 is the same version', async () => {
    const response = await api.get('/v1/policies/1');
    expect(response.statusCode).toBe(200);
    expect(response.json<PolicyView>().policy).toEqual(EXAMPLE_POLICY);
  });

  it.each(['99', '0', '-1'])('GET /v1/policies/%s answers 404', async (version) => {
    expectProblem(await api.get(`/v1/policies/${version}`), 404, 'not-found');
  });

  it('GET /v1/policies/latest answers 400: a version is a number', async () => {
    const problem = expectProblem(await api.get('/v1/policies/latest'), 400, 'bad-request');
    expect(problem.detail).toMatch(/numeric/);
  });
});

describe('POST /v1/policies', () => {
  let subject: RegisteredSubject;
  let grantToken: bigint;

  beforeAll(async () => {
    subject = await api.registerSubject();
    const grant = await api.post(`${subject.path}/grants`, MAP_LOCATION);
    expect(grant.statusCode).toBe(201);
    grantToken = BigInt(grant.json<{ consistencyToken: string }>().consistencyToken);
    expect((await api.post(`${subject.path}/grants`, DEVICE_INFO)).statusCode).toBe(201);
    expect(await api.permission(subject.path, MAP_LOCATION)).toMatchObject({
      permitted: true,
      basis: 'grant',
    });
  });

  it('refuses a version that is not the next one with 409 naming the expected version', async () => {
    for (const version of [1, 3]) {
      const response = await api.post('/v1/policies', policyVersion(version));
      const problem = expectProblem(response, 409, 'policy-version-conflict');
      expect(problem.expectedVersion).toBe(2);
    }
  });

  it('refuses a policy whose meaning is wrong with 400 listing every problem', async () => {
    const body = policyVersion(2);
    const policy = body as {
      recipients: { region: string }[];
      categories: { purposes: string[] }[];
    };
    policy.recipients[2]!.region = 'eu';
    policy.categories[0]!.purposes = ['diagnostics', 'advertising'];
    const problem = expectProblem(await api.post('/v1/policies', body), 400, 'invalid-policy');
    expect(problem.problems).toEqual([
      'recipients[2].region "eu" is not one of regions',
      'categories[0].purposes: "advertising" is not a declared purpose',
    ]);
  });

  it('refuses reconsent for a category the version does not have', async () => {
    const response = await api.post(
      '/v1/policies',
      policyVersion(2, { reconsentRequired: ['weather'] }),
    );
    const problem = expectProblem(response, 400, 'invalid-policy');
    expect(problem.problems).toEqual([
      'reconsentRequired[0] "weather" is not a category of this version',
    ]);
  });

  it.each([
    ['version', { version: 'two' }],
    ['version', { version: 0 }],
    ['version', { version: 2.5 }],
    ['regions', { regions: [] }],
    ['regions', { regions: ['Rest of World'] }],
    ['categories', { categories: 'all' }],
    ['purposes', { purposes: [] }],
    ['recipients', { recipients: undefined }],
    ['reconsentRequired', { reconsentRequired: 'media' }],
    ['effectiveFrom', { effectiveFrom: 'next monday' }],
    ['owner', { owner: 'legal' }],
  ])('refuses a bad %s with 400 naming the field', async (field, change) => {
    expectFieldError(await api.post('/v1/policies', policyVersion(2, change)), field);
  });

  it('names the nested field of a bad category', async () => {
    const body = policyVersion(2);
    const categories = body.categories as Record<string, unknown>[];
    categories[1] = { ...categories[1], default: 'sometimes', colour: 'blue' };
    const problem = expectProblem(await api.post('/v1/policies', body), 400, 'validation-error');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'categories.1.colour', message: 'property colour should not exist' },
        {
          field: 'categories.1.default',
          message: 'categories[].default must be one of: opt-in, opt-out, mandatory, per-transfer',
        },
      ]),
    );
  });

  it('refuses a version taking effect in the past', async () => {
    const response = await api.post(
      '/v1/policies',
      policyVersion(2, { effectiveFrom: isoFromNow(-DAY) }),
    );
    expectProblem(response, 400, 'invalid-time');
  });

  it('publishes version 2 with reconsentRequired: 201 with a consistency token', async () => {
    const response = await api.post(
      '/v1/policies',
      policyVersion(2, { reconsentRequired: ['approximate-location'] }),
    );
    expect(response.statusCode).toBe(201);
    const receipt = response.json<{ consistencyToken: string; effectiveFrom: string }>();
    expect(receipt).toEqual({
      version: 2,
      effectiveFrom: expect.stringMatching(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
      ) as unknown,
      consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
      replayed: false,
    });
    expect(BigInt(receipt.consistencyToken)).toBeGreaterThan(grantToken);
    const stream = await api.store.readStream('policy-default');
    expect(stream.map((e) => e.type)).toEqual(['policy-published', 'policy-published']);
  });

  it('a grant given under version 1 for a reconsent category has lapsed; others still hold', async () => {
    const view = await api.permissions(subject.path);
    expect(view.policyVersion).toBe(2);
    expect(await api.permission(subject.path, MAP_LOCATION)).toMatchObject({
      permitted: false,
      reasons: ['lapsed-by-policy-change'],
    });
    expect(await api.permission(subject.path, DEVICE_INFO)).toMatchObject({
      permitted: true,
      basis: 'grant',
    });
  });

  it('granting again under version 2 restores the permission', async () => {
    const grant = await api.post(`${subject.path}/grants`, MAP_LOCATION);
    expect(grant.statusCode).toBe(201);
    const events = await api.subjectEvents(subject.subjectId);
    expect(events.at(-1)!.data).toMatchObject({ type: 'consent-granted', policyVersion: 2 });
    expect(await api.permission(subject.path, MAP_LOCATION)).toMatchObject({
      permitted: true,
      basis: 'grant',
    });
  });

  it('GET /v1/policies lists both versions in order; current is version 2', async () => {
    const list = await api.get('/v1/policies');
    expect(list.statusCode).toBe(200);
    const versions = list.json<PolicyView[]>();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.policy.reconsentRequired).toEqual(['approximate-location']);
    expect((await api.get('/v1/policies/current')).json<PolicyView>().version).toBe(2);
    expect((await api.get('/v1/policies/2')).json<PolicyView>().version).toBe(2);
  });

  it('a version scheduled for later is listed but not in force until then', async () => {
    const effectiveFrom = isoFromNow(DAY);
    const response = await api.post('/v1/policies', policyVersion(3, { effectiveFrom }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ version: 3, effectiveFrom });
    expect((await api.get('/v1/policies/current')).json<PolicyView>().version).toBe(2);
    expect((await api.get('/v1/policies/3')).json<PolicyView>().effectiveFrom).toBe(effectiveFrom);
    expect((await api.permissions(subject.path, isoFromNow(DAY + HOUR))).policyVersion).toBe(3);
  });
});

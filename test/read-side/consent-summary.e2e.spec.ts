import {
  DEVICE_INFO,
  LOCATION_CHECK,
  MAP_LOCATION,
  daysFromNow,
  expectProblem,
  useReadSideApp,
  type Combination,
  type Json,
} from './read-side-app';

const api = useReadSideApp({ READ_YOUR_WRITES_TIMEOUT_MS: '300' });
const APP_PERFORMANCE: Combination = {
  category: 'app-performance',
  recipient: 'first-party-row',
  purpose: 'diagnostics',
};

interface SummaryBody {
  asOf: string;
  answeredAtPosition: string;
  subjects: Record<string, number>;
  combinations: (Combination & {
    permitted: number;
    notPermitted: number;
    permittedByBasis: Record<string, number>;
  })[];
}

async function summary(token?: string): Promise<SummaryBody> {
  const query = token === undefined ? '' : `?consistencyToken=${token}`;
  const response = await api.get(`/v1/consent-state/summary${query}`);
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
  });
  return response.json<SummaryBody>();
}

function countsOf(body: SummaryBody, combination: Combination) {
  const found = body.combinations.find(
    (c) =>
      c.category === combination.category &&
      c.recipient === combination.recipient &&
      c.purpose === combination.purpose,
  );
  return (
    found && {
      permitted: found.permitted,
      notPermitted: found.notPermitted,
      ...found.permittedByBasis,
    }
  );
}

describe('GET /v1/consent-state/summary', () => {
  it('counts nothing before the tenant has a subject, and answers at once without a token', async () => {
    const body = await summary();
    expect(body).toEqual({
      asOf: expect.any(String) as unknown,
      answeredAtPosition: expect.stringMatching(/^\d+$/) as unknown,
      subjects: { registered: 0, active: 0, localDataMode: 0, erased: 0 },
      combinations: [],
    });
    expect(Math.abs(Date.parse(body.asOf) - Date.now())).toBeLessThan(60_000);
  });

  it('counts subjects by state and each combination by basis, reading its own writes', async () => {
    await api.publishPolicy(1, daysFromNow(-30));
    const granting = await api.registerSubject(daysFromNow(-20));
    await api.command('POST', `/v1/subjects/${granting.subjectId}/grants`, {
      ...MAP_LOCATION,
      occurredAt: daysFromNow(-10),
      // Expires after the newest event: the count keeps it apart until then.
      expiresAt: daysFromNow(30),
    });
    const offline = await api.registerSubject(daysFromNow(-20));
    await api.command('PUT', `/v1/subjects/${offline.subjectId}/local-data-mode`, {
      on: true,
      occurredAt: daysFromNow(-5),
    });
    await api.command('POST', `/v1/subjects/${offline.subjectId}/grants`, {
      ...DEVICE_INFO,
      occurredAt: daysFromNow(-4),
    });
    const erased = await api.registerSubject(daysFromNow(-20));
    const token = await api.command('POST', `/v1/subjects/${erased.subjectId}/erasure-requests`, {
      scope: 'account',
    });

    const body = await summary(token);
    expect(BigInt(body.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(token));
    expect(body.subjects).toEqual({ registered: 3, active: 1, localDataMode: 1, erased: 1 });
    const none = { grant: 0, optOutDefault: 0, mandatory: 0 };
    expect(countsOf(body, MAP_LOCATION)).toEqual({
      permitted: 1,
      notPermitted: 2,
      ...none,
      grant: 1,
    });
    // Granted, but in Local Data Mode.
    expect(countsOf(body, DEVICE_INFO)).toEqual({ permitted: 0, notPermitted: 3, ...none });
    expect(countsOf(body, LOCATION_CHECK)).toEqual({
      permitted: 1,
      notPermitted: 2,
      ...none,
      mandatory: 1,
    });
    expect(countsOf(body, APP_PERFORMANCE)).toEqual({
      permitted: 1,
      notPermitted: 2,
      ...none,
      optOutDefault: 1,
    });
    // Every combination the policy offers is listed, in key order.
    const keys = body.combinations.map((c) => `${c.category} ${c.recipient} ${c.purpose}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toHaveLength(32);

    const revoked = await api.command('POST', `/v1/subjects/${granting.subjectId}/revocations`, {
      ...MAP_LOCATION,
      occurredAt: daysFromNow(-1),
    });
    expect(countsOf(await summary(revoked), MAP_LOCATION)).toEqual({
      permitted: 0,
      notPermitted: 3,
      ...none,
    });
  });

  it('refuses a malformed consistency token, naming the field', async () => {
    const response = await api.get('/v1/consent-state/summary?consistencyToken=soon');
    const body = expectProblem(response, 400, 'invalid-consistency-token');
    expect(body).toMatchObject({ errors: [{ field: 'consistencyToken' }] });
  });

  it('answers 503 with Retry-After when the projection does not reach the token in time', async () => {
    const response = await api.get('/v1/consent-state/summary', {
      'x-consistency-token': '999999999',
    });
    expectProblem(response, 503, 'consistency-timeout');
    expect(response.headers['retry-after']).toBe('1');
  });
});

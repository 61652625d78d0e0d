import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import {
  DEVICE_INFO,
  FLIGHT_LOGS,
  LOCATION_CHECK,
  MAP_LOCATION,
  UNKNOWN_SUBJECT,
  daysFromNow,
  expectProblem,
  useReadSideApp,
  type Json,
} from './read-side-app';

const api = useReadSideApp({ READ_YOUR_WRITES_TIMEOUT_MS: '300' });

beforeAll(async () => {
  await api.publishPolicy(1, daysFromNow(-30));
});

async function subjectEventIds(subjectId: string): Promise<string[]> {
  const store = api.app.get<EventStore>(EVENT_STORE);
  return (await store.readStream(`subject-default-${subjectId}`)).map((e) => e.id);
}

describe('POST /v1/checks', () => {
  it('reads its own writes with the consistency token: grant, then revoke', async () => {
    const registeredAt = daysFromNow(-20);
    const { subjectId } = await api.registerSubject(registeredAt);
    const grantedAt = daysFromNow(-10);
    const expiresAt = daysFromNow(5);
    const granted = await api.command('POST', `/v1/subjects/${subjectId}/grants`, {
      ...DEVICE_INFO,
      occurredAt: grantedAt,
      expiresAt,
    });

    const answer = await api.check({ subjectId, ...DEVICE_INFO }, granted);
    const ids = await subjectEventIds(subjectId);
    expect(answer).toEqual({
      subjectId,
      ...DEVICE_INFO,
      at: expect.any(String) as unknown,
      permitted: true,
      basis: 'grant',
      since: grantedAt,
      until: expiresAt,
      reasons: [],
      policyVersion: 1,
      evidence: [
        { eventId: ids[0], revision: 0, type: 'subject-registered' },
        { eventId: ids[1], revision: 1, type: 'consent-granted' },
      ],
      answeredAtPosition: expect.stringMatching(/^\d+$/) as unknown,
    });
    expect(BigInt(answer.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(granted));

    const revokedAt = daysFromNow(-1);
    const revoked = await api.command('POST', `/v1/subjects/${subjectId}/revocations`, {
      ...DEVICE_INFO,
      occurredAt: revokedAt,
    });
    expect(await api.check({ subjectId, ...DEVICE_INFO }, revoked)).toMatchObject({
      permitted: false,
      reasons: ['revoked'],
      evidence: [
        expect.objectContaining({ revision: 0 }),
        expect.objectContaining({ revision: 2 }),
      ],
    });
    // Asked about an instant before the revoke, the window it ended is named whole.
    expect(await api.check({ subjectId, ...DEVICE_INFO, at: daysFromNow(-3) })).toMatchObject({
      permitted: true,
      since: grantedAt,
      until: revokedAt,
    });
  });

  it('answers like the settings screen read from the log, for every combination', async () => {
    const { subjectId } = await api.registerSubject(daysFromNow(-20), 'cn');
    await api.command('POST', `/v1/subjects/${subjectId}/grants`, {
      ...DEVICE_INFO,
      recipient: 'first-party-cn',
      occurredAt: daysFromNow(-5),
    });
    await api.command('POST', `/v1/subjects/${subjectId}/revocations`, {
      category: 'app-performance',
      recipient: 'first-party-cn',
      purpose: 'diagnostics',
      occurredAt: daysFromNow(-4),
    });
    const token = await api.command('PUT', `/v1/subjects/${subjectId}/local-data-mode`, {
      on: true,
      occurredAt: daysFromNow(-2),
    });
    const at = daysFromNow(-3);
    const permissions = await api.get(
      `/v1/subjects/${subjectId}/permissions?at=${encodeURIComponent(at)}`,
    );
    const rows = permissions.json<{ permissions: (Json & { reasons: string[] })[] }>().permissions;
    expect(rows.length).toBeGreaterThan(10);
    const response = await api.ask(`/v1/checks/batch?consistencyToken=${token}`, {
      checks: rows.map((row) => ({
        subjectId,
        category: row.category,
        recipient: row.recipient,
        purpose: row.purpose,
        at,
      })),
    });
    expect(response.statusCode).toBe(200);
    const results = response.json<{ results: Json[] }>().results;
    expect(results.map(({ permitted, basis, reasons }) => ({ permitted, basis, reasons }))).toEqual(
      rows.map(({ permitted, basis, reasons }) => ({ permitted, basis, reasons })),
    );
    expect(results.some((r) => r.permitted === true)).toBe(true);
    expect(results.some((r) => r.permitted === false)).toBe(true);
  });

  it('names every reason: Local Data Mode, erasure, region, precision', async () => {
    const { subjectId, token } = await api.registerSubject(daysFromNow(-20));
    expect(await api.check({ subjectId, ...LOCATION_CHECK }, token)).toMatchObject({
      permitted: true,
      basis: 'mandatory',
    });
    expect(
      await api.check({ subjectId, ...LOCATION_CHECK, precision: 'precise' }, token),
    ).toMatchObject({ permitted: false, reasons: ['precision'] });
    expect(
      await api.check({ subjectId, ...MAP_LOCATION, recipient: 'map-provider-cn' }, token),
    ).toMatchObject({ permitted: false, reasons: ['no-basis', 'region'] });
    expect(await api.check({ subjectId, ...FLIGHT_LOGS }, token)).toMatchObject({
      permitted: false,
      reasons: ['per-transfer-only'],
    });

    const switched = await api.command('PUT', `/v1/subjects/${subjectId}/local-data-mode`, {
      on: true,
      occurredAt: daysFromNow(-1),
    });
    expect(await api.check({ subjectId, ...LOCATION_CHECK }, switched)).toMatchObject({
      permitted: false,
      reasons: ['local-data-mode'],
    });
    const erased = await api.command('POST', `/v1/subjects/${subjectId}/erasure-requests`, {
      scope: 'categories',
      categories: ['location-check'],
    });
    expect(await api.check({ subjectId, ...LOCATION_CHECK }, erased)).toMatchObject({
      permitted: false,
      reasons: ['local-data-mode', 'erased'],
    });
  });

  it('answers about an instant before the registration without inventing a basis', async () => {
    const { subjectId, token } = await api.registerSubject(daysFromNow(-20));
    expect(
      await api.check({ subjectId, ...LOCATION_CHECK, at: daysFromNow(-21) }, token),
    ).toMatchObject({ permitted: false, reasons: ['before-registration'], policyVersion: null });
  });

  it('answers at once without a token, saying how far the read model had got', async () => {
    const { subjectId, token } = await api.registerSubject(daysFromNow(-1));
    await api.check({ subjectId, ...LOCATION_CHECK }, token);
    const answer = await api.check({ subjectId, ...LOCATION_CHECK });
    expect(answer).toMatchObject({ permitted: true });
    expect(BigInt(answer.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(token));
  });

  it('takes the token from the X-Consistency-Token header too', async () => {
    const { subjectId, token } = await api.registerSubject(daysFromNow(-1));
    const response = await api.ask(
      '/v1/checks',
      { subjectId, ...LOCATION_CHECK },
      { 'x-consistency-token': token },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json<Json>()).toMatchObject({ permitted: true });
  });

  it('answers 404 for a subject it never saw, never a silent "denied"', async () => {
    const response = await api.ask('/v1/checks', { subjectId: UNKNOWN_SUBJECT, ...LOCATION_CHECK });
    expectProblem(response, 404, 'subject-not-found');
  });

  it.each([
    ['a query parameter', '/v1/checks?consistencyToken=12abc', {}],
    ['a header', '/v1/checks', { 'x-consistency-token': '-1' }],
    ['a number beyond 64 bits', '/v1/checks?consistencyToken=18446744073709551616', {}],
  ])('refuses a malformed token in %s with 400', async (_, url, headers) => {
    const response = await api.ask(url, { subjectId: UNKNOWN_SUBJECT, ...LOCATION_CHECK }, headers);
    expectProblem(response, 400, 'invalid-consistency-token');
  });

  it('gives up after READ_YOUR_WRITES_TIMEOUT_MS with 503 and Retry-After', async () => {
    const started = Date.now();
    const response = await api.ask('/v1/checks?consistencyToken=999999999', {
      subjectId: UNKNOWN_SUBJECT,
      ...LOCATION_CHECK,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expectProblem(response, 503, 'consistency-timeout');
    expect(response.headers['retry-after']).toBe('1');
  });

  it('validates the question', async () => {
    const response = await api.ask('/v1/checks', {
      subjectId: 'not-a-uuid',
      ...LOCATION_CHECK,
      precision: 'exact',
      at: 'yesterday',
    });
    const problem = expectProblem(response, 400, 'validation-error');
    expect((problem.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'at',
      'precision',
      'subjectId',
    ]);
  });
});

describe('POST /v1/checks/batch', () => {
  it('answers up to 1000 checks in order, an unknown subject in its own entry', async () => {
    const a = await api.registerSubject(daysFromNow(-3));
    const b = await api.registerSubject(daysFromNow(-3));
    const granted = await api.command('POST', `/v1/subjects/${b.subjectId}/grants`, DEVICE_INFO);
    const questions = [
      { subjectId: a.subjectId, ...DEVICE_INFO },
      { subjectId: UNKNOWN_SUBJECT, ...DEVICE_INFO },
      { subjectId: b.subjectId, ...DEVICE_INFO },
      { subjectId: a.subjectId, ...LOCATION_CHECK },
    ];
    const checks = Array.from({ length: 1000 }, (_, i) => questions[i % questions.length]!);
    const response = await api.ask(`/v1/checks/batch?consistencyToken=${granted}`, { checks });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ answeredAtPosition: string; results: Json[] }>();
    expect(BigInt(body.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(granted));
    expect(body.results).toHaveLength(1000);
    expect(body.results.slice(0, 4)).toEqual([
      expect.objectContaining({ subjectId: a.subjectId, permitted: false, reasons: ['no-basis'] }),
      {
        subjectId: UNKNOWN_SUBJECT,
        ...DEVICE_INFO,
        problem: expect.objectContaining({
          type: 'https://consent-ledger.dev/problems/subject-not-found',
          status: 404,
        }) as unknown,
      },
      expect.objectContaining({ subjectId: b.subjectId, permitted: true, basis: 'grant' }),
      expect.objectContaining({ subjectId: a.subjectId, permitted: true, basis: 'mandatory' }),
    ]);
    expect(body.results[996]).toEqual(body.results[0]);
    // Checks without `at` are asked at one and the same instant.
    expect(
      new Set(body.results.flatMap((r) => (typeof r.at === 'string' ? [r.at] : []))).size,
    ).toBe(1);
  });

  it('refuses more than 1000 checks with 400 batch-too-large', async () => {
    const checks = Array.from({ length: 1001 }, () => ({
      subjectId: randomUUID(),
      ...DEVICE_INFO,
    }));
    const problem = expectProblem(
      await api.ask('/v1/checks/batch', { checks }),
      400,
      'batch-too-large',
    );
    expect(problem).toMatchObject({ maxChecks: 1000 });
  });

  it('validates every check and names the offending one', async () => {
    const response = await api.ask('/v1/checks/batch', {
      checks: [
        { subjectId: UNKNOWN_SUBJECT, ...DEVICE_INFO },
        { ...DEVICE_INFO, subjectId: 'x' },
      ],
    });
    const problem = expectProblem(response, 400, 'validation-error');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'checks.1.subjectId' })]);
    expectProblem(await api.ask('/v1/checks/batch', { checks: 'all' }), 400, 'validation-error');
    expectProblem(
      await api.ask('/v1/checks/batch', { checks: [], extra: 1 }),
      400,
      'validation-error',
    );
  });

  it('honours the consistency token like a single check', async () => {
    const response = await api.ask(
      '/v1/checks/batch',
      { checks: [] },
      { 'x-consistency-token': 'x' },
    );
    expectProblem(response, 400, 'invalid-consistency-token');
    expect(
      (await api.ask('/v1/checks/batch', { checks: [] })).json<{ results: unknown[] }>().results,
    ).toEqual([]);
  });
});

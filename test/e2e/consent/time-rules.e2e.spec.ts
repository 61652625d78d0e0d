import { randomUUID } from 'node:crypto';
import { DEVICE_INFO, policyVersion } from './fixtures';
import {
  type ConsentApi,
  DAY,
  expectFieldError,
  expectProblem,
  HOUR,
  isoFromNow,
  type Json,
  type RegisteredSubject,
  useConsentApi,
} from './harness';

/** The default deployment: valid times within 2 minutes of now, no back-dating. */
const api = useConsentApi();

/** An importer's deployment: back-dating allowed, a tighter clock skew, no example policy. */
const importer = useConsentApi({
  ALLOW_BACKDATED_IMPORTS: 'true',
  SEED_EXAMPLE_POLICY: 'false',
  MAX_CLOCK_SKEW_MS: '5000',
});

type Command = readonly [string, 'POST' | 'PUT', (occurredAt: string) => Json];

const SUBJECT_COMMANDS: readonly Command[] = [
  ['grants', 'POST', (occurredAt) => ({ ...DEVICE_INFO, occurredAt })],
  ['revocations', 'POST', (occurredAt) => ({ ...DEVICE_INFO, occurredAt })],
  [
    'syncs',
    'POST',
    (occurredAt) => ({
      syncId: randomUUID(),
      ...DEVICE_INFO,
      precision: 'precise',
      userInitiated: true,
      occurredAt,
    }),
  ],
  ['local-data-mode', 'PUT', (occurredAt) => ({ on: true, occurredAt })],
  ['erasure-requests', 'POST', (occurredAt) => ({ scope: 'account', occurredAt })],
];

async function send(
  target: ConsentApi,
  subject: RegisteredSubject,
  [resource, method, body]: Command,
  occurredAt: string,
) {
  return target.send(method, `${subject.path}/${resource}`, body(occurredAt));
}

describe('valid time on the default deployment', () => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
  });

  it('refuses a registration dated beyond the clock skew in the future or in the past', async () => {
    for (const occurredAt of [isoFromNow(HOUR), isoFromNow(-HOUR)]) {
      const response = await api.post('/v1/subjects', {
        appSubjectId: randomUUID(),
        residency: 'row',
        occurredAt,
      });
      expectProblem(response, 400, 'invalid-time');
    }
  });

  it.each(SUBJECT_COMMANDS)(
    '%s: refuses a time beyond the clock skew in the future',
    async (...command) => {
      const problem = expectProblem(
        await send(api, subject, command, isoFromNow(HOUR)),
        400,
        'invalid-time',
      );
      expect(problem.detail).toBe('occurredAt lies more than 120000 ms in the future');
    },
  );

  it.each(SUBJECT_COMMANDS)(
    '%s: refuses a back-dated time without the import permission',
    async (...command) => {
      const problem = expectProblem(
        await send(api, subject, command, isoFromNow(-HOUR)),
        400,
        'invalid-time',
      );
      expect(problem.detail).toMatch(/past.*imports/);
    },
  );

  it('nothing was recorded by the refused commands', async () => {
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(1);
  });

  it('accepts a time within the clock skew, normalised to UTC with milliseconds', async () => {
    const ahead = new Date(Date.now() + 60_000);
    ahead.setUTCMilliseconds(0);
    const withOffset = ahead.toISOString().replace('.000Z', '+00:00');
    const response = await api.post(`${subject.path}/grants`, {
      ...DEVICE_INFO,
      occurredAt: withOffset,
    });
    expect(response.statusCode).toBe(201);
    const events = await api.subjectEvents(subject.subjectId);
    expect(events.at(-1)!.data.occurredAt).toBe(ahead.toISOString());
  });

  it('refuses a time that is not ISO-8601 before any rule runs', async () => {
    expectFieldError(
      await api.post(`${subject.path}/grants`, { ...DEVICE_INFO, occurredAt: 'Sun, 22 Nov 2026' }),
      'occurredAt',
    );
  });

  it('answers permissions at an instant, refusing one that is not ISO-8601', async () => {
    const problem = expectProblem(
      await api.get(`${subject.path}/permissions?at=yesterday`),
      400,
      'validation-error',
    );
    expect(problem.errors).toEqual([{ field: 'at', message: 'must be an ISO-8601 date-time' }]);
  });

  it('answers before-registration for an instant before the subject registered', async () => {
    const registeredAt = isoFromNow(60_000);
    const later = await api.registerSubject({ occurredAt: registeredAt });
    expect((await api.get(later.path)).json()).toMatchObject({ registeredAt });
    expect(await api.permission(later.path, DEVICE_INFO)).toMatchObject({
      permitted: false,
      reasons: ['before-registration'],
    });
    expect(await api.permission(later.path, DEVICE_INFO, isoFromNow(2 * 60_000))).toMatchObject({
      permitted: false,
      reasons: ['no-basis'],
    });
  });

  it('answers 409 for an instant before any policy was in force', async () => {
    const response = await api.get(`${subject.path}/permissions?at=${isoFromNow(-DAY)}`);
    expectProblem(response, 409, 'policy-not-published');
  });
});

describe('valid time on an importing deployment (ALLOW_BACKDATED_IMPORTS=true)', () => {
  let subject: RegisteredSubject;

  it('starts without a policy: registration is refused until one is published', async () => {
    expectProblem(await importer.get('/v1/policies/current'), 404, 'not-found');
    expect((await importer.get('/v1/policies')).json()).toEqual([]);
    const response = await importer.post('/v1/subjects', {
      appSubjectId: randomUUID(),
      residency: 'row',
    });
    expectProblem(response, 409, 'policy-not-published');
  });

  it('publishes version 1 back-dated by 30 days', async () => {
    const effectiveFrom = isoFromNow(-30 * DAY);
    const response = await importer.post('/v1/policies', policyVersion(1, { effectiveFrom }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ version: 1, effectiveFrom });
  });

  it('accepts a back-dated registration and a back-dated grant', async () => {
    subject = await importer.registerSubject({ occurredAt: isoFromNow(-20 * DAY) });
    const grant = await importer.post(`${subject.path}/grants`, {
      ...DEVICE_INFO,
      occurredAt: isoFromNow(-10 * DAY),
    });
    expect(grant.statusCode).toBe(201);
  });

  it('answers what was permitted at each instant of the imported history', async () => {
    expect(
      await importer.permission(subject.path, DEVICE_INFO, isoFromNow(-25 * DAY)),
    ).toMatchObject({
      permitted: false,
      reasons: ['before-registration'],
    });
    expect(
      await importer.permission(subject.path, DEVICE_INFO, isoFromNow(-15 * DAY)),
    ).toMatchObject({
      permitted: false,
      reasons: ['no-basis'],
    });
    expect(
      await importer.permission(subject.path, DEVICE_INFO, isoFromNow(-5 * DAY)),
    ).toMatchObject({
      permitted: true,
      basis: 'grant',
    });
    expectProblem(
      await importer.get(`${subject.path}/permissions?at=${isoFromNow(-40 * DAY)}`),
      409,
      'policy-not-published',
    );
  });

  it('still refuses a command dated before the subject was registered', async () => {
    const response = await importer.post(`${subject.path}/revocations`, {
      ...DEVICE_INFO,
      occurredAt: isoFromNow(-21 * DAY),
    });
    const problem = expectProblem(response, 400, 'invalid-time');
    expect(problem.detail).toContain('before the subject was registered');
  });

  it('still refuses the future, with its own clock skew (MAX_CLOCK_SKEW_MS=5000)', async () => {
    const response = await importer.post(`${subject.path}/grants`, {
      ...DEVICE_INFO,
      occurredAt: isoFromNow(60_000),
    });
    const problem = expectProblem(response, 400, 'invalid-time');
    expect(problem.detail).toBe('occurredAt lies more than 5000 ms in the future');
  });
});

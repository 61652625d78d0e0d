import { randomUUID } from 'node:crypto';
import { APP_PERFORMANCE, LOCATION_CHECK, MAP_LOCATION } from '../e2e/consent/fixtures';
import { expectProblem, PROBLEMS, type RegisteredSubject } from '../e2e/consent/harness';
import { type ErasureReceipt, useErasureApi } from './support/erasure-api';

/**
 * The whole workflow of an account erasure over HTTP: request → the workflow notifies the
 * recipients of the recorded syncs → processors confirm → completion → shredding; and what
 * the service answers afterwards.
 */
const api = useErasureApi();

/** End of the same day of the next month, in UTC (ADR 0013). */
function oneMonthAfter(instant: string): string {
  const at = new Date(instant);
  const month = at.getUTCMonth() + 1;
  const last = new Date(Date.UTC(at.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), last);
  return new Date(Date.UTC(at.getUTCFullYear(), month, day + 1) - 1).toISOString();
}

describe('an account erasure from request to shredding', () => {
  let subject: RegisteredSubject;
  let request: ErasureReceipt;
  let erasurePath: string;
  /** The completion's consistency token. */
  let completed: string;

  beforeAll(async () => {
    subject = await api.registerSubject({ email: 'pilot@example.org', phone: '+41441234567' });
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    const location = { latitude: 47.4, longitude: 8.5 };
    await api.sync(
      subject.path,
      { ...MAP_LOCATION, precision: 'approximate', location },
      'recorded',
    );
    await api.sync(subject.path, { ...LOCATION_CHECK, precision: 'approximate' }, 'recorded');
    await api.sync(subject.path, { ...APP_PERFORMANCE, precision: 'precise' }, 'refused');
    request = await api.requestErasure(subject.path, {
      scope: 'account',
      requestedBy: 'privacy-officer',
    });
    erasurePath = `${subject.path}/erasure-requests/${request.erasureId}`;
  });

  it('notifies every recipient of a recorded sync, by itself, with the deadline one month on', async () => {
    const erasure = await api.erasure(subject.path, request.erasureId, request.consistencyToken);
    expect(erasure).toMatchObject({
      subjectId: subject.subjectId,
      erasureId: request.erasureId,
      scope: 'account',
      requestedBy: 'privacy-officer',
      state: 'open',
      overdue: false,
      extension: null,
      completion: null,
      notificationsPending: [],
      shredding: 'not-applicable',
      personalDataAvailable: true,
    });
    expect(erasure.deadline).toBe(oneMonthAfter(erasure.requestedAt));
    expect(erasure.originalDeadline).toBe(erasure.deadline);
    expect(erasure.recipients).toEqual([
      expect.objectContaining({
        recipient: 'first-party-row',
        categories: ['location-check'],
        confirmed: false,
      }),
      expect.objectContaining({
        recipient: 'map-provider-row',
        categories: ['approximate-location'],
        confirmed: false,
      }),
    ]);
    const events = await api.subjectEvents(subject.subjectId);
    expect(events.filter((e) => e.type === 'erasure-processor-notified')).toHaveLength(2);
  });

  it('lists the request with its recipients', async () => {
    const list = await api.list('state=open', request.consistencyToken);
    const listed = list.erasures.find((e) => e.erasureId === request.erasureId);
    expect(listed?.recipients.map((r) => r.recipient)).toEqual([
      'first-party-row',
      'map-provider-row',
    ]);
    expect(BigInt(list.answeredAtPosition)).toBeGreaterThan(BigInt(request.consistencyToken));
  });

  it('refuses to complete before every recipient confirmed, naming the missing ones', async () => {
    const problem = expectProblem(await api.post(`${erasurePath}/completion`, {}), 409, 'conflict');
    expect(problem).toMatchObject({
      code: 'erasure-not-confirmed',
      unconfirmed: ['first-party-row', 'map-provider-row'],
    });
  });

  it('refuses a confirmedAt that is ISO 8601 but no instant (a week date), naming the field', async () => {
    const response = await api.post(`${erasurePath}/confirmations`, {
      recipient: 'first-party-row',
      confirmedAt: '2026-W27-3',
    });
    expectProblem(response, 400, 'invalid-time');
    expect(response.json()).toEqual({
      type: `${PROBLEMS}/invalid-time`,
      title: 'Invalid time',
      status: 400,
      detail: 'confirmedAt must be an ISO-8601 date-time',
      code: 'invalid-time',
      field: 'confirmedAt',
      instance: `${erasurePath}/confirmations`,
    });
  });

  it('refuses a confirmation from a recipient that was not notified', async () => {
    const problem = expectProblem(
      await api.post(`${erasurePath}/confirmations`, { recipient: 'map-provider-cn' }),
      409,
      'conflict',
    );
    expect(problem).toMatchObject({
      code: 'recipient-not-notified',
      notified: ['first-party-row', 'map-provider-row'],
    });
  });

  it('records each confirmation once; a retry replays, a repeat records nothing', async () => {
    const key = randomUUID();
    const first = await api.post(
      `${erasurePath}/confirmations`,
      { recipient: 'first-party-row' },
      key,
    );
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ erasureId: request.erasureId, recorded: true });
    const retry = await api.post(
      `${erasurePath}/confirmations`,
      { recipient: 'first-party-row' },
      key,
    );
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual({ ...first.json<ErasureReceipt>(), replayed: true });
    const repeat = await api.post(`${erasurePath}/confirmations`, { recipient: 'first-party-row' });
    expect(repeat.json()).toMatchObject({
      recorded: false,
      revision: first.json<ErasureReceipt>().revision,
    });
    const second = await api.post(`${erasurePath}/confirmations`, {
      recipient: 'map-provider-row',
    });
    expect(second.statusCode).toBe(201);
  });

  it('completes once all confirmed, and shreds the subject', async () => {
    const response = await api.post(`${erasurePath}/completion`, {});
    expect(response.statusCode).toBe(201);
    const receipt = response.json<ErasureReceipt>();
    completed = receipt.consistencyToken;
    expect(receipt).toMatchObject({
      erasureId: request.erasureId,
      recorded: true,
      shredding: 'done',
    });
    const erasure = await api.erasure(subject.path, request.erasureId, receipt.consistencyToken);
    expect(erasure).toMatchObject({
      state: 'completed',
      overdue: false,
      shredding: 'done',
      personalDataAvailable: false,
      completion: { completion: 'all-confirmed', actor: 'privacy-officer' },
    });
    expect(erasure.recipients.every((r) => r.confirmed)).toBe(true);
  });

  it('answers with the personal fields erased', async () => {
    const view = await api.get(subject.path);
    expect(view.json()).toMatchObject({
      subjectId: subject.subjectId,
      appSubjectId: null,
      email: null,
      phone: null,
      personalDataAvailable: false,
    });
    const lookup = await api.post('/v1/subjects/lookup', { appSubjectId: subject.appSubjectId });
    expectProblem(lookup, 404, 'subject-not-found');
  });

  it('still answers checks and flow windows from the non-personal skeleton', async () => {
    // The token makes both read-side projections apply every workflow event first.
    const check = await api.post(`/v1/checks?consistencyToken=${completed}`, {
      subjectId: subject.subjectId,
      ...MAP_LOCATION,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ permitted: false, reasons: ['erased'] });
    expect(
      BigInt(check.json<{ answeredAtPosition: string }>().answeredAtPosition),
    ).toBeGreaterThanOrEqual(BigInt(completed));
    const windows = await api.get(
      `${subject.path}/flow-windows?category=approximate-location&recipient=map-provider-row&consistencyToken=${completed}`,
    );
    expect(windows.statusCode).toBe(200);
    const [combination] = windows.json<{ combinations: { windows: Json[] }[] }>().combinations;
    expect(combination?.windows).toEqual([
      expect.objectContaining({
        closedBy: expect.objectContaining({ type: 'erasure-requested' }) as unknown,
      }),
    ]);
  });

  it('takes no further step, and the subject no other command', async () => {
    const again = await api.post(`${erasurePath}/completion`, {});
    expect(expectProblem(again, 409, 'conflict').code).toBe('erasure-already-completed');
    expectProblem(await api.post(`${subject.path}/grants`, MAP_LOCATION), 409, 'subject-erased');
  });

  it('registers the same app id again as a new subject: the lookup is forgotten', async () => {
    const again = await api.registerSubject({ appSubjectId: subject.appSubjectId });
    expect(again.subjectId).not.toBe(subject.subjectId);
  });
});

type Json = Record<string, unknown>;

describe('erasure routes refuse what they cannot find', () => {
  it('answers 404 for an erasure the subject never requested', async () => {
    const subject = await api.registerSubject();
    const unknown = `${subject.path}/erasure-requests/${randomUUID()}`;
    expect(expectProblem(await api.get(unknown), 404, 'not-found').code).toBe('erasure-not-found');
    const confirm = await api.post(`${unknown}/confirmations`, { recipient: 'first-party-row' });
    expect(expectProblem(confirm, 404, 'not-found').code).toBe('erasure-not-found');
  });

  it('answers 404 for an unknown subject and 400 for ids that are not UUIDs', async () => {
    const path = `/v1/subjects/${randomUUID()}/erasure-requests/${randomUUID()}`;
    expectProblem(await api.get(path), 404, 'subject-not-found');
    expectProblem(await api.post(`${path}/completion`, {}), 404, 'subject-not-found');
    expectProblem(
      await api.get(`/v1/subjects/${randomUUID()}/erasure-requests/x`),
      400,
      'bad-request',
    );
  });
});

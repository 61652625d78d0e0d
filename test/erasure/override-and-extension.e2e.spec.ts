import { FLIGHT_LOGS, LOCATION_CHECK, MAP_LOCATION } from '../e2e/consent/fixtures';
import { DAY, expectProblem, type RegisteredSubject } from '../e2e/consent/harness';
import { type ErasureReceipt, useErasureApi } from './support/erasure-api';

/** Completion on a privacy officer's override, and the Art. 12(3) extension rules. */
const api = useErasureApi();

afterEach(() => api.clock.reset());

/** A subject whose data went to the map provider (location) and first party (flight logs). */
async function subjectWithFlows(): Promise<RegisteredSubject> {
  const subject = await api.registerSubject();
  expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
  await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
  await api.sync(
    subject.path,
    { ...FLIGHT_LOGS, precision: 'precise', userInitiated: true },
    'recorded',
  );
  return subject;
}

describe('completing on an override', () => {
  let subject: RegisteredSubject;
  let media: ErasureReceipt;

  beforeAll(async () => {
    subject = await subjectWithFlows();
    media = await api.requestErasure(subject.path, {
      scope: 'categories',
      categories: ['approximate-location'],
    });
  });

  it('notifies only the recipients of the erased categories', async () => {
    const erasure = await api.erasure(subject.path, media.erasureId, media.consistencyToken);
    expect(erasure.recipients.map((r) => [r.recipient, r.categories])).toEqual([
      ['map-provider-row', ['approximate-location']],
    ]);
  });

  it('refuses a blank override reason', async () => {
    const response = await api.post(
      `${subject.path}/erasure-requests/${media.erasureId}/completion`,
      { override: { reason: '   ' } },
    );
    expect(expectProblem(response, 400, 'validation-error').errors).toEqual([
      { field: 'override.reason', message: 'override.reason must not be blank' },
    ]);
  });

  it('completes without the confirmation, keeping the reason sealed but readable', async () => {
    const response = await api.post(
      `${subject.path}/erasure-requests/${media.erasureId}/completion`,
      { override: { reason: 'the map provider stopped answering' } },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ shredding: 'not-applicable' });
    const erasure = await api.erasure(subject.path, media.erasureId);
    expect(erasure).toMatchObject({
      state: 'completed',
      completion: {
        completion: 'override',
        actor: 'privacy-officer',
        overrideReason: 'the map provider stopped answering',
      },
      recipients: [{ recipient: 'map-provider-row', confirmed: false }],
      personalDataAvailable: true,
    });
    const events = await api.subjectEvents(subject.subjectId);
    const completed = events.find((e) => e.type === 'erasure-completed');
    expect(completed?.data.overrideReason).toMatch(/^v1\./);
    expect(JSON.stringify(completed?.data)).not.toContain('stopped answering');
  });

  it('shows the reason as erased once the account is shredded, and a category erasure stays usable', async () => {
    await api.sync(subject.path, { ...LOCATION_CHECK, precision: 'approximate' }, 'recorded');
    const account = await api.requestErasure(subject.path, { scope: 'account' });
    const erasure = await api.erasure(subject.path, account.erasureId, account.consistencyToken);
    expect(erasure.recipients.map((r) => r.recipient)).toEqual([
      'first-party-row',
      'map-provider-row',
    ]);
    const completion = await api.post(
      `${subject.path}/erasure-requests/${account.erasureId}/completion`,
      { override: { reason: 'processors contacted by phone' } },
    );
    expect(completion.json()).toMatchObject({ shredding: 'done' });
    const earlier = await api.erasure(subject.path, media.erasureId);
    expect(earlier.completion).toMatchObject({ completion: 'override', overrideReason: null });
    const later = await api.erasure(subject.path, account.erasureId);
    expect(later.completion).toMatchObject({ overrideReason: null });
    expect(later.personalDataAvailable).toBe(false);
  });
});

describe('extending the deadline (Art. 12(3))', () => {
  let subject: RegisteredSubject;
  let request: ErasureReceipt;
  let path: string;

  beforeAll(async () => {
    subject = await subjectWithFlows();
    request = await api.requestErasure(subject.path, { scope: 'account' });
    path = `${subject.path}/erasure-requests/${request.erasureId}`;
  });

  it('refuses a new deadline beyond three months, naming the bounds', async () => {
    const erasure = await api.erasure(subject.path, request.erasureId);
    const tooLate = new Date(Date.parse(erasure.requestedAt) + 100 * DAY).toISOString();
    const problem = expectProblem(
      await api.post(`${path}/extension`, {
        newDeadline: tooLate,
        subjectToldAt: new Date().toISOString(),
        reason: 'backlog',
      }),
      400,
      'invalid-time',
    );
    expect(problem).toMatchObject({
      code: 'invalid-erasure-deadline',
      originalDeadline: erasure.originalDeadline,
    });
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'newDeadline' })]);
  });

  it('refuses a subjectToldAt in the future', async () => {
    const problem = expectProblem(
      await api.post(`${path}/extension`, {
        subjectToldAt: new Date(Date.now() + DAY).toISOString(),
        reason: 'backlog',
      }),
      400,
      'invalid-time',
    );
    expect(problem).toMatchObject({ code: 'invalid-time', field: 'subjectToldAt' });
  });

  it('refuses a newDeadline that is ISO 8601 but no instant (an ordinal date), naming the field', async () => {
    const response = await api.post(`${path}/extension`, {
      newDeadline: '2026-182',
      subjectToldAt: new Date().toISOString(),
      reason: 'backlog',
    });
    const problem = expectProblem(response, 400, 'invalid-time');
    expect(problem).toMatchObject({
      title: 'Invalid time',
      detail: 'newDeadline must be an ISO-8601 date-time',
      code: 'invalid-time',
      field: 'newDeadline',
    });
  });

  it('extends to three months after the request by default, once', async () => {
    const response = await api.post(`${path}/extension`, {
      subjectToldAt: new Date().toISOString(),
      reason: 'the flight logs are archived off site',
    });
    expect(response.statusCode).toBe(201);
    const erasure = await api.erasure(subject.path, request.erasureId);
    const requested = new Date(erasure.requestedAt);
    const month = requested.getUTCMonth() + 3;
    const last = new Date(Date.UTC(requested.getUTCFullYear(), month + 1, 0)).getUTCDate();
    const latest =
      Date.UTC(requested.getUTCFullYear(), month, Math.min(requested.getUTCDate(), last) + 1) - 1;
    expect(erasure.deadline).toBe(new Date(latest).toISOString());
    expect(erasure.extension).toMatchObject({
      newDeadline: erasure.deadline,
      reason: 'the flight logs are archived off site',
    });
    const again = await api.post(`${path}/extension`, {
      subjectToldAt: new Date().toISOString(),
      reason: 'still more',
    });
    expect(expectProblem(again, 409, 'conflict').code).toBe('erasure-already-extended');
  });

  it('refuses an extension decided after the first month', async () => {
    const late = await api.requestErasure((await subjectWithFlows()).path, { scope: 'account' });
    const latePath = `/v1/subjects/${late.subjectId}/erasure-requests/${late.erasureId}`;
    api.clock.travel(32 * DAY);
    const response = await api.post(`${latePath}/extension`, {
      subjectToldAt: new Date().toISOString(),
      reason: 'backlog',
    });
    expect(expectProblem(response, 409, 'conflict').code).toBe('erasure-deadline-passed');
  });
});

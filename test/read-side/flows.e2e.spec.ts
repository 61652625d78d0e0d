import {
  DAY,
  DEVICE_INFO,
  MAP_LOCATION,
  UNKNOWN_SUBJECT,
  daysFromNow,
  expectProblem,
  useReadSideApp,
  type Json,
} from './read-side-app';

const api = useReadSideApp();

interface FlowBody {
  eventId: string;
  revision: number;
  outcome: 'recorded' | 'refused';
  syncId: string;
  category: string;
  recipient: string;
  purpose: string;
  precision: string;
  userInitiated: boolean;
  policyVersion: number;
  basis?: string;
  reasons?: string[];
  occurredAt: string;
  recordedAt: string;
}

interface FlowsBody {
  subjectId: string;
  answeredAtPosition: string;
  flows: FlowBody[];
  nextCursor?: string;
}

interface ViolationBody {
  subjectId: string;
  eventId: string;
  revision: number;
  syncId: string;
  basis: string;
  occurredAt: string;
  why: {
    reason: 'no-window' | 'outside-windows';
    closestWindow?: { start: string; end?: string; closedBy?: Json };
    flowIs?: string;
    distanceMs?: number;
  };
}

interface ViolationsBody {
  answeredAtPosition: string;
  violations: ViolationBody[];
  nextCursor?: string;
}

const t = {
  registered: daysFromNow(-20),
  granted: daysFromNow(-10),
  offline: daysFromNow(-6),
  synced: daysFromNow(-5),
  refused: daysFromNow(-4),
  oneOff: daysFromNow(-3),
};

function sync(syncId: string, occurredAt: string, extra: Json = {}): Json {
  return {
    ...MAP_LOCATION,
    syncId,
    precision: 'approximate',
    userInitiated: false,
    occurredAt,
    ...extra,
  };
}

/** A registered subject that granted the map flow and synced it once; returns its id. */
async function subjectThatSynced(syncId: string): Promise<{ subjectId: string; token: string }> {
  const { subjectId } = await api.registerSubject(t.registered);
  const subject = `/v1/subjects/${subjectId}`;
  await api.command('POST', `${subject}/grants`, { ...MAP_LOCATION, occurredAt: t.granted });
  const token = await api.command('POST', `${subject}/syncs`, sync(syncId, t.synced));
  return { subjectId, token };
}

async function flows(subjectId: string, query = ''): Promise<FlowsBody> {
  const response = await api.get(`/v1/subjects/${subjectId}/flows${query}`);
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
  });
  return response.json<FlowsBody>();
}

async function violations(query: string): Promise<ViolationsBody> {
  const response = await api.get(`/v1/violations${query}`);
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
  });
  return response.json<ViolationsBody>();
}

/** Every violation of the tenant, following the cursors `limit` at a time. */
async function allViolations(token: string, limit = 100): Promise<ViolationBody[]> {
  const found: ViolationBody[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit), consistencyToken: token });
    if (cursor !== undefined) query.set('cursor', cursor);
    const page = await violations(`?${query.toString()}`);
    expect(page.violations.length).toBeLessThanOrEqual(limit);
    found.push(...page.violations);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
}

beforeAll(async () => {
  await api.publishPolicy(1, daysFromNow(-30));
});

describe('GET /v1/subjects/{id}/flows', () => {
  let subjectId: string;
  let token: string;

  beforeAll(async () => {
    ({ subjectId } = await subjectThatSynced('map-1'));
    const subject = `/v1/subjects/${subjectId}`;
    await api.command('POST', `${subject}/syncs`, {
      ...DEVICE_INFO,
      syncId: 'diag-1',
      precision: 'precise',
      userInitiated: false,
      occurredAt: t.refused,
    });
    token = await api.command('POST', `${subject}/syncs`, {
      ...DEVICE_INFO,
      syncId: 'diag-2',
      precision: 'precise',
      userInitiated: true,
      occurredAt: t.oneOff,
      location: { latitude: 47.37, longitude: 8.54 },
    });
  });

  it("lists the subject's recorded and refused syncs in stream order, with basis or reasons", async () => {
    const body = await flows(subjectId, `?consistencyToken=${token}`);
    expect(body.subjectId).toBe(subjectId);
    expect(BigInt(body.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(token));
    expect(body.nextCursor).toBeUndefined();
    expect(body.flows).toEqual([
      expect.objectContaining({
        revision: 2,
        outcome: 'recorded',
        syncId: 'map-1',
        ...MAP_LOCATION,
        precision: 'approximate',
        userInitiated: false,
        policyVersion: 1,
        basis: 'grant',
        occurredAt: t.synced,
      }),
      expect.objectContaining({
        revision: 3,
        outcome: 'refused',
        syncId: 'diag-1',
        ...DEVICE_INFO,
        reasons: ['no-basis'],
        occurredAt: t.refused,
      }),
      expect.objectContaining({
        revision: 4,
        outcome: 'recorded',
        syncId: 'diag-2',
        ...DEVICE_INFO,
        userInitiated: true,
        basis: 'one-off-sync',
        occurredAt: t.oneOff,
      }),
    ]);
    for (const flow of body.flows) {
      expect(flow.eventId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(Date.parse(flow.recordedAt)).toBeGreaterThan(Date.parse(flow.occurredAt));
    }
    expect(body.flows[0]).not.toHaveProperty('reasons');
    expect(body.flows[1]).not.toHaveProperty('basis');
  });

  it('copies no personal data: the sealed location stays in the log', async () => {
    const response = await api.get(`/v1/subjects/${subjectId}/flows?consistencyToken=${token}`);
    expect(response.body).not.toMatch(/"location"|latitude|longitude|47\.37/);
  });

  it('answers a registered subject without syncs with no flows', async () => {
    const registered = await api.registerSubject(t.registered);
    const body = await flows(registered.subjectId, `?consistencyToken=${registered.token}`);
    expect(body.flows).toEqual([]);
    expect(body.nextCursor).toBeUndefined();
  });

  it('is a 404 for a subject nobody registered', async () => {
    expectProblem(await api.get(`/v1/subjects/${UNKNOWN_SUBJECT}/flows`), 404, 'subject-not-found');
  });

  it('is a 400 for a subject id that is not a UUID', async () => {
    expect((await api.get('/v1/subjects/not-a-uuid/flows')).statusCode).toBe(400);
  });
});

describe('pagination', () => {
  let subjectId: string;
  let token: string;
  const syncIds = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'];

  beforeAll(async () => {
    ({ subjectId } = await subjectThatSynced(syncIds[0]!));
    for (const [i, syncId] of syncIds.slice(1).entries()) {
      token = await api.command(
        'POST',
        `/v1/subjects/${subjectId}/syncs`,
        sync(syncId, new Date(Date.parse(t.synced) + (i + 1) * 60_000).toISOString()),
      );
    }
  });

  it('pages with limit and cursor, each flow once, in order, the last page without a cursor', async () => {
    const pages: FlowBody[][] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '2', consistencyToken: token });
      if (cursor !== undefined) query.set('cursor', cursor);
      const page = await flows(subjectId, `?${query.toString()}`);
      pages.push(page.flows);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((flow) => flow.syncId)).toEqual(syncIds);
  });

  it('gives 100 flows a page by default and accepts up to 500', async () => {
    expect((await flows(subjectId, `?consistencyToken=${token}`)).flows).toHaveLength(5);
    expect((await flows(subjectId, '?limit=500')).flows).toHaveLength(5);
  });

  it.each(['501', '0', '-1', '2.5', 'many'])('refuses limit=%s with a 400', async (limit) => {
    const problem = expectProblem(
      await api.get(`/v1/subjects/${subjectId}/flows?limit=${limit}`),
      400,
      'validation-error',
    );
    expect(problem.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'limit' })]),
    );
  });

  it('refuses limit above 500 on the violations report too', async () => {
    expectProblem(await api.get('/v1/violations?limit=501'), 400, 'validation-error');
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['another list', Buffer.from('{"list":"violations","after":1}').toString('base64url')],
    ['a bad key', Buffer.from('{"list":"subject-flows","after":-3}').toString('base64url')],
  ])('refuses a cursor that is %s with a 400', async (_what, cursor) => {
    const problem = expectProblem(
      await api.get(`/v1/subjects/${subjectId}/flows?cursor=${encodeURIComponent(cursor)}`),
      400,
      'validation-error',
    );
    expect(problem).toMatchObject({ errors: [{ field: 'cursor' }] });
  });
});

describe('GET /v1/violations', () => {
  it('turns an already recorded sync into a violation once a back-dated Local Data Mode switch covers it', async () => {
    const { subjectId, token: synced } = await subjectThatSynced('covered-1');
    const before = await allViolations(synced);
    expect(before.filter((v) => v.subjectId === subjectId)).toEqual([]);

    const switched = await api.command('PUT', `/v1/subjects/${subjectId}/local-data-mode`, {
      on: true,
      occurredAt: t.offline,
    });
    const after = (await allViolations(switched)).filter((v) => v.subjectId === subjectId);
    const [recorded] = (await flows(subjectId, `?consistencyToken=${switched}`)).flows;
    expect(after).toEqual([
      {
        subjectId,
        eventId: recorded!.eventId,
        revision: 2,
        syncId: 'covered-1',
        ...MAP_LOCATION,
        precision: 'approximate',
        basis: 'grant',
        occurredAt: t.synced,
        recordedAt: recorded!.recordedAt,
        why: {
          reason: 'outside-windows',
          closestWindow: expect.objectContaining({
            start: t.granted,
            end: t.offline,
            openedBy: expect.objectContaining({
              kind: 'event',
              type: 'consent-granted',
            }) as unknown,
            closedBy: expect.objectContaining({
              kind: 'event',
              revision: 3,
              type: 'local-data-mode-switched-on',
            }) as unknown,
          }) as unknown,
          flowIs: 'after-window',
          distanceMs: Date.parse(t.synced) - Date.parse(t.offline),
        },
      },
    ]);
  });

  it('says "no-window" when the combination never had a window', async () => {
    const { subjectId } = await subjectThatSynced('never-1');
    // Offline from the instant of registration: the grant never opened a window.
    const switched = await api.command('PUT', `/v1/subjects/${subjectId}/local-data-mode`, {
      on: true,
      occurredAt: t.registered,
    });
    const mine = (await allViolations(switched)).filter((v) => v.subjectId === subjectId);
    expect(mine).toEqual([
      expect.objectContaining({ syncId: 'never-1', why: { reason: 'no-window' } }),
    ]);
  });

  it('leaves out refused syncs, one-off syncs and flows inside a window', async () => {
    const { subjectId } = await subjectThatSynced('inside-1');
    const subject = `/v1/subjects/${subjectId}`;
    await api.command('POST', `${subject}/syncs`, {
      ...DEVICE_INFO,
      syncId: 'refused-1',
      precision: 'precise',
      userInitiated: false,
      occurredAt: t.refused,
    });
    const token = await api.command(
      'POST',
      `${subject}/syncs`,
      sync('one-off-1', daysFromNow(-0.5), {
        ...DEVICE_INFO,
        precision: 'precise',
        userInitiated: true,
      }),
    );
    expect((await allViolations(token)).filter((v) => v.subjectId === subjectId)).toEqual([]);
  });

  it('pages through the whole tenant, each violation once', async () => {
    const subjects: string[] = [];
    let token = '';
    for (const syncId of ['paged-1', 'paged-2', 'paged-3']) {
      const { subjectId } = await subjectThatSynced(syncId);
      subjects.push(subjectId);
      token = await api.command('PUT', `/v1/subjects/${subjectId}/local-data-mode`, {
        on: true,
        occurredAt: new Date(Date.parse(t.synced) - DAY).toISOString(),
      });
    }
    const oneByOne = await allViolations(token, 1);
    const atOnce = await allViolations(token, 500);
    expect(oneByOne).toEqual(atOnce);
    expect(new Set(oneByOne.map((v) => v.eventId)).size).toBe(oneByOne.length);
    expect(
      oneByOne
        .filter((v) => subjects.includes(v.subjectId))
        .map((v) => v.syncId)
        .sort(),
    ).toEqual(['paged-1', 'paged-2', 'paged-3']);
    const order = oneByOne.map((v) => `${v.subjectId}/${String(v.revision).padStart(6, '0')}`);
    expect(order).toEqual([...order].sort());
  });

  it('reports the position it reflects, at least the token it was given', async () => {
    const { token } = await subjectThatSynced('position-1');
    const body = await violations(`?consistencyToken=${token}`);
    expect(BigInt(body.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(token));
  });
});

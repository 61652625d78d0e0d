import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEVICE_INFO,
  FLIGHT_LOGS,
  LOCATION_CHECK,
  MAP_LOCATION,
  UNKNOWN_SUBJECT,
  daysFromNow,
  expectProblem,
  useReadSideApp,
  type Combination,
  type Json,
} from './read-side-app';

const api = useReadSideApp();

interface WindowsBody {
  subjectId: string;
  knownAt?: string;
  answeredAtPosition: string;
  combinations: (Combination & { windows: Json[]; oneOffFlows: Json[] })[];
}

/** One subject's history, recorded through the consent API in beforeAll. */
const t = {
  registered: daysFromNow(-20),
  granted: daysFromNow(-10),
  revoked: daysFromNow(-5),
  grantedAgain: daysFromNow(-2),
  expires: daysFromNow(3),
  offline: daysFromNow(-1),
  online: daysFromNow(-0.5),
  synced: daysFromNow(-0.25),
};
let subjectId: string;
let token: string;
/** Transaction times around the first grant, for "as known at". */
let beforeRegistrationRecorded: number;
let afterFirstGrantRecorded: number;

beforeAll(async () => {
  await api.publishPolicy(1, daysFromNow(-30));
  beforeRegistrationRecorded = Date.now();
  await sleep(5);
  ({ subjectId } = await api.registerSubject(t.registered));
  const subject = `/v1/subjects/${subjectId}`;
  await api.command('POST', `${subject}/grants`, { ...DEVICE_INFO, occurredAt: t.granted });
  await sleep(5);
  afterFirstGrantRecorded = Date.now();
  await sleep(5);
  await api.command('POST', `${subject}/revocations`, { ...DEVICE_INFO, occurredAt: t.revoked });
  await api.command('POST', `${subject}/grants`, {
    ...DEVICE_INFO,
    occurredAt: t.grantedAgain,
    expiresAt: t.expires,
  });
  await api.command('PUT', `${subject}/local-data-mode`, { on: true, occurredAt: t.offline });
  await api.command('PUT', `${subject}/local-data-mode`, { on: false, occurredAt: t.online });
  token = await api.command('POST', `${subject}/syncs`, {
    ...FLIGHT_LOGS,
    syncId: 'backup-1',
    precision: 'precise',
    userInitiated: true,
    occurredAt: t.synced,
  });
});

async function windows(query: Json = {}, id = subjectId): Promise<WindowsBody> {
  const response = await api.get(`/v1/subjects/${id}/flow-windows?${search(query)}`);
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
  });
  return response.json<WindowsBody>();
}

function search(query: Json): string {
  return new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
}

const event = (revision: number, type: string) => ({
  kind: 'event',
  revision,
  eventId: expect.any(String) as unknown,
  type,
});

describe('GET /v1/subjects/{id}/flow-windows', () => {
  it('gives the windows of a combination, with the events that opened and closed them', async () => {
    const body = await windows({ ...DEVICE_INFO, consistencyToken: token });
    expect(BigInt(body.answeredAtPosition)).toBeGreaterThanOrEqual(BigInt(token));
    expect(body.combinations).toEqual([
      {
        ...DEVICE_INFO,
        windows: [
          {
            start: t.granted,
            end: t.revoked,
            openedBy: event(1, 'consent-granted'),
            closedBy: event(2, 'consent-revoked'),
            bases: [{ from: t.granted, basis: 'grant' }],
          },
          {
            start: t.grantedAgain,
            end: t.offline,
            openedBy: event(3, 'consent-granted'),
            closedBy: event(4, 'local-data-mode-switched-on'),
            bases: [{ from: t.grantedAgain, basis: 'grant' }],
          },
          {
            start: t.online,
            end: t.expires,
            openedBy: event(5, 'local-data-mode-switched-off'),
            closedBy: { kind: 'expiry', revision: 3, eventId: expect.any(String) as unknown },
            bases: [{ from: t.online, basis: 'grant' }],
          },
        ],
        oneOffFlows: [],
      },
    ]);
  });

  it('lists user-initiated syncs as one-off flows, not windows', async () => {
    const body = await windows({ ...FLIGHT_LOGS });
    expect(body.combinations).toEqual([
      {
        ...FLIGHT_LOGS,
        windows: [],
        oneOffFlows: [
          {
            at: t.synced,
            revision: 6,
            eventId: expect.any(String) as unknown,
            syncId: 'backup-1',
            precision: 'precise',
          },
        ],
      },
    ]);
  });

  it('lists every combination the policy offered, each with its windows', async () => {
    const body = await windows();
    expect(body.combinations.length).toBeGreaterThan(20);
    const check = body.combinations.find(
      (c) => c.category === LOCATION_CHECK.category && c.recipient === LOCATION_CHECK.recipient,
    );
    expect(check?.windows.map((w) => [w.start, w.end])).toEqual([
      [t.registered, t.offline],
      [t.online, undefined],
    ]);
  });

  it('keeps only windows overlapping [from, to)', async () => {
    const body = await windows({ ...DEVICE_INFO, from: daysFromNow(-4), to: t.offline });
    expect(body.combinations[0]?.windows.map((w) => w.start)).toEqual([t.grantedAgain]);
    const atTheEdges = await windows({ ...DEVICE_INFO, from: t.revoked, to: t.grantedAgain });
    expect(atTheEdges.combinations[0]?.windows).toEqual([]);
  });

  it('answers as known at a transaction time, from the log', async () => {
    const then = await windows({
      ...DEVICE_INFO,
      knownAt: new Date(afterFirstGrantRecorded).toISOString(),
    });
    expect(then.knownAt).toBe(new Date(afterFirstGrantRecorded).toISOString());
    expect(then.combinations[0]?.windows).toEqual([
      {
        start: t.granted,
        openedBy: event(1, 'consent-granted'),
        bases: [{ from: t.granted, basis: 'grant' }],
      },
    ]);
    const unknownYet = await windows({
      knownAt: new Date(beforeRegistrationRecorded).toISOString(),
    });
    expect(unknownYet.combinations.length).toBeGreaterThan(20);
    expect(unknownYet.combinations.every((c) => c.windows.length === 0)).toBe(true);
  });

  it('gives the same windows from the projection as from the log known up to now', async () => {
    const projected = await windows({ consistencyToken: token });
    const fromLog = await windows({ knownAt: daysFromNow(1) });
    expect(fromLog.combinations).toEqual(projected.combinations);
  });

  it('answers 404 for an unknown subject, from the projection and from the log', async () => {
    for (const query of ['', `?knownAt=${encodeURIComponent(daysFromNow(0))}`]) {
      const response = await api.get(`/v1/subjects/${UNKNOWN_SUBJECT}/flow-windows${query}`);
      expectProblem(response, 404, 'subject-not-found');
    }
  });

  it.each([
    ['consistencyToken=abc', 'invalid-consistency-token'],
    ['from=2026-02-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z', 'validation-error'],
    ['knownAt=last-week', 'validation-error'],
    ['category=Device%20Info', 'validation-error'],
    ['colour=red', 'validation-error'],
  ])('refuses %s with 400', async (query, type) => {
    const response = await api.get(`/v1/subjects/${subjectId}/flow-windows?${query}`);
    expectProblem(response, 400, type);
  });

  it('closes the windows of grants that lapse when a version requires re-consent', async () => {
    const subject = `/v1/subjects/${subjectId}`;
    const grantedAt = daysFromNow(-3);
    await api.command('POST', `${subject}/grants`, { ...MAP_LOCATION, occurredAt: grantedAt });
    const v2From = daysFromNow(-0.1);
    const published = await api.publishPolicy(2, v2From, {
      reconsentRequired: [MAP_LOCATION.category],
    });
    const body = await windows({ ...MAP_LOCATION, consistencyToken: published });
    expect(body.combinations[0]?.windows).toEqual([
      expect.objectContaining({
        start: grantedAt,
        end: t.offline,
        closedBy: event(4, 'local-data-mode-switched-on'),
      }),
      expect.objectContaining({
        start: t.online,
        end: v2From,
        closedBy: {
          kind: 'lapse',
          revision: 7,
          eventId: expect.any(String) as unknown,
          version: 2,
        },
      }),
    ]);
  });
});

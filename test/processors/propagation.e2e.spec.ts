import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { ProjectorHost } from '../../src/projections/projector-host';
import { processorAcknowledgementsStream } from '../../src/shared/tenancy/stream-names';
import { bearer, createApiKey } from '../support/credentials';
import {
  DAY,
  daysFromNow,
  DEVICE_INFO,
  expectProblem,
  type Json,
  MAP_LOCATION,
  useReadSideApp,
} from '../read-side/read-side-app';

/**
 * The propagation ledger (ADR 0044): grants and revocations of the map provider's
 * combination, its processor acknowledging at chosen feed positions; the endpoint reports
 * exactly the closing changes not yet acknowledged and the lag figures, which this test
 * works out on its own from the feed's pages and the acknowledgement events.
 */
interface Change {
  position: number;
  subjectId: string;
  category: string;
  recipient: string;
  purpose: string;
  permitted: boolean;
  validFrom: string;
}

interface Propagation {
  recipient: string;
  lastAcknowledgedPosition: number | null;
  lastAcknowledgedAt: string | null;
  unacknowledged: { count: number; oldest: Json[] };
  lag: {
    from: string;
    to: string;
    count: number;
    p50Seconds: number | null;
    p99Seconds: number | null;
    maxSeconds: number | null;
  };
}

const api = useReadSideApp();
const MAP = MAP_LOCATION.recipient;
const OTHER = DEVICE_INFO.recipient;
let processor: { authorization: string };
let lastToken = '0';
const subjects: string[] = [];

async function command(method: 'POST' | 'PUT', url: string, body: unknown) {
  lastToken = await api.command(method, url, body);
}

async function revoke(subjectId: string, daysAgo: number) {
  await command('POST', `/v1/subjects/${subjectId}/revocations`, {
    ...MAP_LOCATION,
    occurredAt: daysFromNow(-daysAgo),
  });
}

async function grant(subjectId: string, daysAgo: number) {
  await command('POST', `/v1/subjects/${subjectId}/grants`, {
    ...MAP_LOCATION,
    occurredAt: daysFromNow(-daysAgo),
  });
}

/** The whole feed of the tenant, once it has the last command. */
async function feed(): Promise<Change[]> {
  const response = await api.get(`/v1/feed/changes?limit=1000&consistencyToken=${lastToken}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ changes: Change[] }>().changes;
}

async function acknowledge(position: number) {
  const response = await api.send(
    'POST',
    `/v1/processors/${MAP}/acknowledgements`,
    { position },
    processor,
  );
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
    body: { recorded: true },
  });
  lastToken = response.json<{ consistencyToken: string }>().consistencyToken;
}

async function propagation(
  query = '',
  credentials = processor,
  recipient = MAP,
): Promise<Propagation> {
  const response = await api.get(
    `/v1/processors/${recipient}/propagation?consistencyToken=${lastToken}${query}`,
    credentials,
  );
  expect({ status: response.statusCode, body: response.json<Json>() }).toMatchObject({
    status: 200,
  });
  return response.json<Propagation>();
}

/** Independently of the service: each acknowledgement's position and recorded time. */
async function recordedAcknowledgements() {
  const stream = processorAcknowledgementsStream('default', MAP);
  const events = await api.app.get<EventStore>(EVENT_STORE).readStream(stream);
  return events.map((e) => ({
    position: e.data.position as number,
    at: e.recordedAt.getTime(),
  }));
}

/** The nearest-rank percentile, written out once more for the test. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

async function expectedFigures(from: number, to: number) {
  const changes = await feed();
  const closing = changes.filter((c) => c.recipient === MAP && !c.permitted);
  const acks = await recordedAcknowledgements();
  const last = Math.max(0, ...acks.map((a) => a.position));
  const lags = closing
    .filter((c) => c.position <= last)
    .filter((c) => Date.parse(c.validFrom) >= from && Date.parse(c.validFrom) < to)
    .map((c) => {
      const ack = acks.find((a) => a.position >= c.position)!;
      return Math.max(0, ack.at - Date.parse(c.validFrom)) / 1000;
    });
  return {
    unacknowledged: closing.filter((c) => c.position > last),
    lags,
  };
}

beforeAll(async () => {
  await api.publishPolicy(1, daysFromNow(-60));
  const admin = api.credentials.authorization.slice('Bearer '.length);
  processor = bearer(
    (await createApiKey(api.app, admin, ['processor'], { recipient: MAP })).apiKey,
  );
  for (let i = 0; i < 5; i += 1) {
    const { subjectId, token } = await api.registerSubject(daysFromNow(-50));
    lastToken = token;
    subjects.push(subjectId);
    await grant(subjectId, 45);
  }
  // Windows closed 40, 20 and 10 days ago; an unrelated recipient's change in between.
  await revoke(subjects[0]!, 40);
  await revoke(subjects[1]!, 20);
  await command('POST', `/v1/subjects/${subjects[1]!}/grants`, {
    ...DEVICE_INFO,
    occurredAt: daysFromNow(-19),
  });
  await revoke(subjects[2]!, 10);
  const [first, , third] = (await feed()).filter((c) => c.recipient === MAP && !c.permitted);
  await acknowledge(first!.position);
  await acknowledge(third!.position);
  // Not acknowledged yet: two more revocations and a window closed again.
  await revoke(subjects[3]!, 5);
  await grant(subjects[0]!, 4);
  await revoke(subjects[0]!, 2);
  await revoke(subjects[4]!, 1);
}, 60_000);

describe('GET /v1/processors/{recipient}/propagation', () => {
  it('reports exactly the closing changes not acknowledged, oldest first', async () => {
    const expected = await expectedFigures(Date.now() - 30 * DAY, Date.now());
    const answer = await propagation();
    expect(expected.unacknowledged.map((c) => c.subjectId)).toEqual([
      subjects[3],
      subjects[0],
      subjects[4],
    ]);
    expect(answer.unacknowledged).toEqual({
      count: 3,
      oldest: expected.unacknowledged.map((c) => ({
        position: c.position,
        subjectId: c.subjectId,
        category: MAP_LOCATION.category,
        purpose: MAP_LOCATION.purpose,
        closedAt: c.validFrom,
      })),
    });
    const acks = await recordedAcknowledgements();
    expect(answer.lastAcknowledgedPosition).toBe(acks[acks.length - 1]!.position);
    expect(answer.lastAcknowledgedAt).toBe(new Date(acks[acks.length - 1]!.at).toISOString());
  });

  it('gives the lag over the last 30 days by default: the windows closed 20 and 10 days ago', async () => {
    const answer = await propagation();
    const to = Date.parse(answer.lag.to);
    const { lags } = await expectedFigures(to - 30 * DAY, to);
    expect(lags).toHaveLength(2);
    expect(Date.parse(answer.lag.from)).toBe(to - 30 * DAY);
    expect(answer.lag).toMatchObject({
      count: 2,
      p50Seconds: percentile(lags, 50),
      p99Seconds: percentile(lags, 99),
      maxSeconds: Math.max(...lags),
    });
    // About 20 days: the later acknowledgement covers the window closed 20 days ago.
    expect(answer.lag.maxSeconds! / 86_400).toBeCloseTo(20, 0);
  });

  it('covers the period asked for', async () => {
    const from = new Date(Date.now() - 60 * DAY).toISOString();
    const to = new Date(Date.now() - 15 * DAY).toISOString();
    const answer = await propagation(`&from=${from}&to=${to}`);
    const { lags } = await expectedFigures(Date.parse(from), Date.parse(to));
    expect(lags).toHaveLength(2);
    expect(answer.lag).toEqual({
      from,
      to,
      count: 2,
      p50Seconds: percentile(lags, 50),
      p99Seconds: percentile(lags, 99),
      maxSeconds: Math.max(...lags),
    });
    const empty = await propagation(`&from=${daysFromNow(-9)}`);
    expect(empty.lag).toMatchObject({ count: 0, p50Seconds: null, maxSeconds: null });
  });

  it('is the same for tenant-wide roles', async () => {
    const to = `&to=${new Date().toISOString()}`;
    expect(await propagation(to, api.credentials)).toEqual(await propagation(to));
  });

  it('answers a processor asking for another recipient as for an unknown one: 404', async () => {
    const other = expectProblem(
      await api.get(`/v1/processors/${OTHER}/propagation`, processor),
      404,
      'not-found',
    );
    const unknown = expectProblem(
      await api.get(`/v1/processors/nobody-row/propagation`, processor),
      404,
      'not-found',
    );
    expect({ ...other, instance: undefined }).toEqual({ ...unknown, instance: undefined });
    // A tenant-wide role sees the other recipient.
    await propagation('', api.credentials, OTHER);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['to=2026-13-01T00:00:00Z', 'to'],
    [`from=${daysFromNow(-1)}&to=${daysFromNow(-2)}`, 'from'],
    ['at=x', 'at'],
  ])('refuses %s naming %s', async (query, field) => {
    const body = expectProblem(
      await api.get(`/v1/processors/${MAP}/propagation?${query}`, processor),
      400,
      'validation-error',
    );
    expect(body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('publishes the unacknowledged changes and the lag of each acknowledged one as metrics', async () => {
    const text = (await api.get('/metrics')).body;
    const labels = `tenant="default",recipient="${MAP}"`;
    const value = (name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    expect(value('processor_unacknowledged_changes')).toBe(3);
    // Every closing change the two acknowledgements covered, whenever it closed.
    const { lags } = await expectedFigures(0, Date.now());
    expect(lags).toHaveLength(3);
    expect(value('processor_acknowledgement_lag_seconds_count')).toBe(3);
    // The metric takes the event's acknowledgedAt, the endpoint its recorded time: a few ms apart.
    const sum = lags.reduce((a, b) => a + b, 0);
    expect(Math.abs(value('processor_acknowledgement_lag_seconds_sum')! - sum)).toBeLessThan(1);
  });

  it("gives each closed window of a subject its processor's acknowledgement", async () => {
    const acks = await recordedAcknowledgements();
    const windowsOf = async (subjectId: string) => {
      const response = await api.get(
        `/v1/subjects/${subjectId}/flow-windows?recipient=${MAP}&consistencyToken=${lastToken}`,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<{ combinations: (Json & { windows: Json[] })[] }>();
      return body.combinations.find((c) => c.category === MAP_LOCATION.category)!.windows;
    };
    const at = (index: number) => new Date(acks[index]!.at).toISOString();
    // Closed 40 days ago (the first acknowledgement), granted again, closed 2 days ago (not yet).
    expect(await windowsOf(subjects[0]!)).toEqual([
      expect.objectContaining({ acknowledgedAt: at(0) }),
      expect.not.objectContaining({ acknowledgedAt: expect.anything() as unknown }),
    ]);
    expect(await windowsOf(subjects[1]!)).toEqual([
      expect.objectContaining({ end: expect.any(String) as unknown, acknowledgedAt: at(1) }),
    ]);
    // Closed 5 days ago, after the last acknowledgement; and a window still open.
    const [unacknowledged] = await windowsOf(subjects[3]!);
    expect(unacknowledged).toHaveProperty('end');
    expect(unacknowledged).not.toHaveProperty('acknowledgedAt');
    const response = await api.get(
      `/v1/subjects/${subjects[1]!}/flow-windows?recipient=${MAP}&knownAt=${new Date().toISOString()}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('acknowledgedAt');
  });

  it('gives the same answer after both projections are rebuilt', async () => {
    const to = new Date().toISOString();
    const before = await propagation(`&to=${to}`);
    const host = api.app.get(ProjectorHost);
    await host.rebuild('propagation');
    await host.rebuild('feed');
    expect(await propagation(`&to=${to}`)).toEqual(before);
  });
});

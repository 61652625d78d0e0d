import type { AddressInfo } from 'node:net';
import { ProjectorHost } from '../../src/projections/projector-host';
import { createApiKey } from '../support/credentials';
import {
  daysFromNow,
  expectProblem,
  MAP_LOCATION,
  useReadSideApp,
  type ReadSideApp,
} from '../read-side/read-side-app';
import { SseClient } from './sse-client';

/**
 * The feed over HTTP, in-process on the embedded stores: pages, the Server-Sent Events
 * stream (on a real loopback socket), and the refusals. Heartbeats every 50 ms.
 */
interface Change {
  position: number;
  subjectId: string;
  category: string;
  recipient: string;
  purpose: string;
  permitted: boolean;
  basis: string | null;
  trigger: string;
}

interface Page {
  changes: Change[];
  next: number;
  head: number;
}

const api = useReadSideApp({ FEED_HEARTBEAT_MS: '50' });
let port: number;
let lastToken = '0';

async function pageOf(query: string): Promise<Page> {
  const response = await api.get(`/v1/feed/changes?${query}`);
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 });
  return response.json<Page>();
}

/** Every change of the tenant, a page of `limit` at a time, once the feed has `lastToken`. */
async function wholeFeed(limit: number): Promise<Change[]> {
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const page = await pageOf(`after=${after}&limit=${limit}&consistencyToken=${lastToken}`);
    changes.push(...page.changes);
    if (page.next === after) return changes;
    expect(page.next).toBeLessThanOrEqual(page.head);
    after = page.next;
  }
}

async function registered(): Promise<string> {
  const { subjectId, token } = await api.registerSubject(daysFromNow(-20));
  lastToken = token;
  return subjectId;
}

async function command(app: ReadSideApp, method: 'POST' | 'PUT', url: string, body: unknown) {
  lastToken = await app.command(method, url, body);
}

function stream(path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return SseClient.open(port, path, {
    ...api.credentials,
    accept: 'text/event-stream',
    ...headers,
  });
}

beforeAll(async () => {
  await api.publishPolicy(1, daysFromNow(-30));
  await api.app.listen(0, '127.0.0.1');
  port = (api.app.getHttpServer().address() as AddressInfo).port;
});

describe('GET /v1/feed/changes', () => {
  it('gives every change once, in gap-free positions, a page at a time', async () => {
    const subjectId = await registered();
    await command(api, 'POST', `/v1/subjects/${subjectId}/grants`, MAP_LOCATION);
    await command(api, 'POST', `/v1/subjects/${subjectId}/revocations`, MAP_LOCATION);

    const all = await wholeFeed(2);
    expect(all.map((c) => c.position)).toEqual(all.map((_, i) => i + 1));
    expect(await wholeFeed(1000)).toEqual(all);
    const mine = all.filter((c) => c.subjectId === subjectId);
    // Registered in the rest of the world: the mandatory and opt-out combinations there.
    expect(mine.slice(0, 3).map((c) => [c.category, c.recipient, c.permitted, c.basis])).toEqual([
      ['app-performance', 'first-party-row', true, 'opt-out-default'],
      ['location-check', 'first-party-row', true, 'mandatory'],
      ['user-experience', 'first-party-row', true, 'opt-out-default'],
    ]);
    expect(mine.slice(3)).toEqual([
      expect.objectContaining({
        ...MAP_LOCATION,
        permitted: true,
        basis: 'grant',
        trigger: 'event',
      }),
      expect.objectContaining({ ...MAP_LOCATION, permitted: false, basis: null, trigger: 'event' }),
    ]);
  });

  it('filters by recipient and category', async () => {
    const page = await pageOf(`recipient=map-provider-row&consistencyToken=${lastToken}`);
    expect(page.changes.length).toBeGreaterThan(0);
    expect(page.changes.every((c) => c.recipient === 'map-provider-row')).toBe(true);
    const byCategory = await pageOf('category=location-check');
    expect(byCategory.changes.length).toBeGreaterThan(0);
    expect(byCategory.changes.every((c) => c.category === 'location-check')).toBe(true);
    expect(byCategory.next).toBe(byCategory.head);
  });

  it('refuses a position beyond the head, naming the head', async () => {
    const { head } = await pageOf('limit=1');
    const body = expectProblem(
      await api.get(`/v1/feed/changes?after=${head + 1}`),
      400,
      'validation-error',
    );
    expect(body).toMatchObject({
      head,
      errors: [{ field: 'after', message: `must be at most the head position ${head}` }],
    });
    expect(body.detail).toContain(`head position ${head}`);
  });

  it.each([
    ['after=-1', 'after'],
    ['after=1e3', 'after'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['recipient=Not%20A%20Key', 'recipient'],
    ['cursor=x', 'cursor'],
  ])('refuses %s naming %s', async (query, field) => {
    const body = expectProblem(await api.get(`/v1/feed/changes?${query}`), 400, 'validation-error');
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]) as unknown,
    );
  });

  it('names the largest page when limit is above it', async () => {
    const body = expectProblem(
      await api.get('/v1/feed/changes?limit=5000'),
      400,
      'validation-error',
    );
    expect(JSON.stringify(body.errors)).toContain('at most 1000');
  });

  it('refuses a caller whose roles may not read the feed', async () => {
    const { apiKey } = await createApiKey(api.app, api.credentials.authorization.slice(7), [
      'privacy-officer',
    ]);
    const headers = { authorization: `Bearer ${apiKey}` };
    expectProblem(await api.get('/v1/feed/changes', headers), 403, 'forbidden');
    expectProblem(await api.get('/v1/feed', headers), 403, 'forbidden');
  });

  it("shows a processor its own recipient's changes only; another recipient is not found", async () => {
    const { apiKey } = await createApiKey(
      api.app,
      api.credentials.authorization.slice(7),
      ['processor'],
      { recipient: 'map-provider-row' },
    );
    const headers = { authorization: `Bearer ${apiKey}` };
    const query = `consistencyToken=${lastToken}`;
    const own = await api.get(`/v1/feed/changes?${query}`, headers);
    expect(own.statusCode).toBe(200);
    const seen = own.json<Page>().changes;
    const expected = await pageOf(`recipient=map-provider-row&${query}`);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(expected.changes);
    expectProblem(
      await api.get('/v1/feed/changes?recipient=first-party-row', headers),
      404,
      'not-found',
    );
    expectProblem(await api.get('/v1/feed?recipient=first-party-row', headers), 404, 'not-found');
  });
});

describe('GET /v1/feed (Server-Sent Events)', () => {
  it('streams every change; a client dropped and resumed with Last-Event-ID misses none and sees none twice', async () => {
    const before = await wholeFeed(1000);
    const first = await stream('/v1/feed');
    expect(first.response!.headers['content-type']).toMatch(/^text\/event-stream/);
    await first.until((c) => c.changes().length >= before.length);
    expect(first.changes()).toEqual(before);
    const lastSeen = first.events.filter((e) => e.event === 'change').at(-1)!.id!;
    first.close();

    // Changes made while it is away.
    const subjectId = await registered();
    await command(api, 'POST', `/v1/subjects/${subjectId}/grants`, MAP_LOCATION);
    const after = await wholeFeed(1000);
    expect(after.length).toBeGreaterThan(before.length);

    const resumed = await stream('/v1/feed?after=0', { 'last-event-id': lastSeen });
    await resumed.until((c) => c.changes().length >= after.length - before.length);
    expect([...first.changes(), ...resumed.changes()]).toEqual(after);

    // Live: a change made now arrives on the open stream.
    await command(api, 'POST', `/v1/subjects/${subjectId}/revocations`, MAP_LOCATION);
    await resumed.until((c) => c.changes().some((x) => x.subjectId === subjectId && !x.permitted));
    expect([...first.changes(), ...resumed.changes()]).toEqual(await wholeFeed(1000));
    expect(resumed.events.filter((e) => e.event === 'change').map((e) => Number(e.id))).toEqual(
      resumed.changes().map((c) => c.position),
    );
    resumed.close();
  });

  it('filters by recipient and category, and sends heartbeats', async () => {
    const client = await stream(
      '/v1/feed?recipient=map-provider-row&category=approximate-location',
    );
    const expected = (await wholeFeed(1000)).filter(
      (c) => c.recipient === 'map-provider-row' && c.category === 'approximate-location',
    );
    await client.until((c) => c.changes().length >= expected.length);
    await client.until((c) => c.events.some((e) => e.comment === 'heartbeat'));
    expect(client.changes()).toEqual(expected);
    const metrics = await api.get('/metrics');
    expect(metrics.body).toMatch(/^feed_streams_open [1-9]\d*$/m);
    expect(metrics.body).toMatch(/^feed_stream_overflows_total 0$/m);
    client.close();
  });

  it('answers a bad start with problem+json before the stream starts', async () => {
    const { head } = await pageOf('limit=1');
    for (const [path, headers, field] of [
      [`/v1/feed?after=${head + 1}`, {}, 'after'],
      ['/v1/feed', { 'last-event-id': String(head + 7) }, 'Last-Event-ID'],
      ['/v1/feed', { 'last-event-id': 'x' }, 'Last-Event-ID'],
      ['/v1/feed?after=x', {}, 'after'],
    ] as const) {
      const body = expectProblem(await api.get(path, headers), 400, 'validation-error');
      expect(body.errors).toEqual([expect.objectContaining({ field })]);
    }
  });
});

describe('rebuilding the feed', () => {
  it('gives the same changes at the same positions', async () => {
    const before = await wholeFeed(1000);
    expect(before.length).toBeGreaterThanOrEqual(10);
    await api.app.get(ProjectorHost).rebuild('feed');
    expect(await wholeFeed(1000)).toEqual(before);
  });

  it("answers HEAD with the stream's headers and no stream", async () => {
    const response = await api.app.inject({
      method: 'HEAD',
      url: '/v1/feed',
      headers: api.credentials,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
  });
});

describe('shutdown', () => {
  it('ends open streams, so closing the service does not wait for them', async () => {
    const client = await stream('/v1/feed');
    await client.until((c) => c.events.length > 0);
    await api.dispose();
    await client.until((c) => c.ended);
    expect(client.events.at(-1)?.comment).toMatch(
      /shutting down; reconnect with Last-Event-ID: \d+/,
    );
  });
});

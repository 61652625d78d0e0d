import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { IdempotencyStore } from '../../../src/idempotency/idempotency-store';
import { DEVICE_INFO, MAP_LOCATION, policyVersion } from './fixtures';
import { expectFieldError, expectProblem, type Json, useConsentApi } from './harness';

const api = useConsentApi();

/** One mutating request, ready to send, and a different request to reuse its key with. */
interface Prepared {
  readonly method: 'POST' | 'PUT';
  readonly url: string;
  readonly body: Json;
  readonly otherBody: Json;
  readonly status: number;
}

interface Endpoint {
  readonly name: string;
  prepare(): Promise<Prepared>;
}

async function nextPolicyVersion(): Promise<number> {
  return (await api.get('/v1/policies')).json<unknown[]>().length + 1;
}

const subjectEndpoint = (
  resource: string,
  method: 'POST' | 'PUT',
  status: number,
  body: () => Json,
  otherBody: () => Json,
): Endpoint => ({
  name: `${method} /v1/subjects/:subjectId/${resource}`,
  async prepare() {
    const subject = await api.registerSubject();
    return {
      method,
      url: `${subject.path}/${resource}`,
      body: body(),
      otherBody: otherBody(),
      status,
    };
  },
});

const syncBody = (syncId: string): Json => ({
  syncId,
  ...DEVICE_INFO,
  precision: 'precise',
  userInitiated: true,
});

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'POST /v1/policies',
    async prepare() {
      const version = await nextPolicyVersion();
      return {
        method: 'POST',
        url: '/v1/policies',
        body: policyVersion(version),
        otherBody: policyVersion(version, { reconsentRequired: ['media'] }),
        status: 201,
      };
    },
  },
  {
    name: 'POST /v1/subjects',
    prepare() {
      const appSubjectId = `pilot-${randomUUID()}`;
      return Promise.resolve({
        method: 'POST',
        url: '/v1/subjects',
        body: { appSubjectId, residency: 'row' },
        otherBody: { appSubjectId, residency: 'cn' },
        status: 201,
      });
    },
  },
  subjectEndpoint(
    'grants',
    'POST',
    201,
    () => DEVICE_INFO,
    () => MAP_LOCATION,
  ),
  subjectEndpoint(
    'revocations',
    'POST',
    201,
    () => DEVICE_INFO,
    () => MAP_LOCATION,
  ),
  subjectEndpoint(
    'syncs',
    'POST',
    201,
    () => syncBody('sync-1'),
    () => syncBody('sync-2'),
  ),
  subjectEndpoint(
    'local-data-mode',
    'PUT',
    200,
    () => ({ on: true }),
    () => ({ on: false }),
  ),
  subjectEndpoint(
    'erasure-requests',
    'POST',
    201,
    () => ({ scope: 'account' }),
    () => ({ scope: 'categories', categories: ['media'] }),
  ),
];

function send(
  prepared: Prepared,
  body: unknown,
  key: string | null,
): Promise<LightMyRequestResponse> {
  return api.send(prepared.method, prepared.url, body, { key });
}

const head = () => api.store.headPosition();

describe.each(ENDPOINTS.map((e) => [e.name, e] as const))(
  'Idempotency-Key on %s',
  (_, endpoint) => {
    it('is required: without it the request is refused with 400 naming the header', async () => {
      const prepared = await endpoint.prepare();
      const before = await head();
      const problem = expectProblem(
        await send(prepared, prepared.body, null),
        400,
        'idempotency-key-missing',
      );
      expect(problem.detail).toContain('Idempotency-Key');
      expect(await head()).toBe(before);
    });

    it.each([
      ['with a space', 'has space'],
      ['over 255 characters', 'k'.repeat(256)],
      ['non-ASCII', 'schlüssel'],
    ])('refuses a key %s with 400 naming the header', async (_label, key) => {
      const prepared = await endpoint.prepare();
      const problem = expectFieldError(await send(prepared, prepared.body, key), 'Idempotency-Key');
      expect(problem.title).toContain('Idempotency-Key');
    });

    it('replays the first response for the same key and body, recording nothing more', async () => {
      const prepared = await endpoint.prepare();
      const key = randomUUID();
      const first = await send(prepared, prepared.body, key);
      expect(first.statusCode).toBe(prepared.status);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const afterFirst = await head();

      expect(first.json()).toMatchObject({ replayed: false });
      const retry = await send(prepared, prepared.body, key);
      expect(retry.statusCode).toBe(first.statusCode);
      expect(retry.json()).toEqual({ ...first.json<Json>(), replayed: true });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await head()).toBe(afterFirst);
    });

    it('answers the same key with a different body with 422, recording nothing', async () => {
      const prepared = await endpoint.prepare();
      const key = randomUUID();
      expect((await send(prepared, prepared.body, key)).statusCode).toBe(prepared.status);
      const before = await head();
      const problem = expectProblem(
        await send(prepared, prepared.otherBody, key),
        422,
        'idempotency-key-reused',
      );
      expect(problem.detail).toContain('Idempotency-Key');
      expect(await head()).toBe(before);
    });

    it('treats a body with its members in another order and other spacing as the same', async () => {
      const prepared = await endpoint.prepare();
      const key = randomUUID();
      const first = await send(prepared, prepared.body, key);
      expect(first.statusCode).toBe(prepared.status);
      const reordered = JSON.stringify(
        Object.fromEntries(Object.entries(prepared.body).reverse()),
        null,
        3,
      );
      expect(reordered).not.toBe(JSON.stringify(prepared.body));
      const retry = await send(prepared, reordered, key);
      expect(retry.statusCode).toBe(prepared.status);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual({ ...first.json<Json>(), replayed: true });
    });

    it('records one event for two concurrent tries with one key', async () => {
      const prepared = await endpoint.prepare();
      const key = randomUUID();
      const before = await head();
      const [a, b] = await Promise.all([
        send(prepared, prepared.body, key),
        send(prepared, prepared.body, key),
      ]);
      expect(a.statusCode).toBe(prepared.status);
      expect(b.statusCode).toBe(prepared.status);
      // The same answer, of which exactly one is the first and the other a replay.
      expect({ ...b.json<Json>(), replayed: null }).toEqual({ ...a.json<Json>(), replayed: null });
      const replays = [a, b].map((r) => [
        r.json<Json>().replayed,
        r.headers['idempotent-replayed'],
      ]);
      expect(replays.sort()).toEqual([
        [false, undefined],
        [true, 'true'],
      ]);
      expect(await head()).toBe(before + 1n);
    });
  },
);

describe('a replayed response', () => {
  // Bug: the interceptor records status and body only, so a replay lacks the subject's ETag
  // that the first response carried, and a client cannot send If-Match after a retry.
  it('carries the same ETag as the first response on every subject command', async () => {
    const etags: Record<string, { first: unknown; replay: unknown }> = {};
    for (const endpoint of ENDPOINTS.filter((e) => e.name !== 'POST /v1/policies')) {
      const prepared = await endpoint.prepare();
      const key = randomUUID();
      const first = await send(prepared, prepared.body, key);
      const replay = await send(prepared, prepared.body, key);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      etags[endpoint.name] = { first: first.headers.etag, replay: replay.headers.etag };
    }
    for (const { first } of Object.values(etags)) expect(first).toMatch(/^"\d+"$/);
    const firsts = Object.fromEntries(Object.entries(etags).map(([name, e]) => [name, e.first]));
    const replays = Object.fromEntries(Object.entries(etags).map(([name, e]) => [name, e.replay]));
    expect(replays).toEqual(firsts);
  });
});

describe('keys across requests', () => {
  it('a key is bound to its path: the same key and body on another subject is 422', async () => {
    const [one, two] = [await api.registerSubject(), await api.registerSubject()];
    const key = randomUUID();
    expect((await api.post(`${one.path}/grants`, DEVICE_INFO, { key })).statusCode).toBe(201);
    expectProblem(
      await api.post(`${two.path}/grants`, DEVICE_INFO, { key }),
      422,
      'idempotency-key-reused',
    );
    expectProblem(
      await api.post(`${one.path}/revocations`, DEVICE_INFO, { key }),
      422,
      'idempotency-key-reused',
    );
    expect(await api.subjectEvents(two.subjectId)).toHaveLength(1);
  });

  it('a request refused before it acted does not use up its key', async () => {
    const subject = await api.registerSubject();
    const key = randomUUID();
    const refused = await api.post(
      `${subject.path}/grants`,
      { ...DEVICE_INFO, category: 'weather' },
      { key },
    );
    expectProblem(refused, 400, 'unknown-value');
    const corrected = await api.post(`${subject.path}/grants`, DEVICE_INFO, { key });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  it('once the key records are purged, a late retry finds its own events instead of acting twice', async () => {
    const subject = await api.registerSubject();
    const key = randomUUID();
    const first = await api.post(`${subject.path}/grants`, DEVICE_INFO, { key });
    expect(first.statusCode).toBe(201);
    await api.app.get(IdempotencyStore).purge(Date.now() + 1);

    const late = await api.post(`${subject.path}/grants`, DEVICE_INFO, { key });
    expect(late.statusCode).toBe(201);
    expect(late.json()).toEqual({ ...first.json<Json>(), replayed: true });
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(2);
  });

  it('a replay reads the same whether it comes from the key record or is rebuilt from the stream', async () => {
    const subject = await api.registerSubject();
    const key = randomUUID();
    const signal = (response: LightMyRequestResponse) => ({
      status: response.statusCode,
      header: response.headers['idempotent-replayed'],
      body: response.json<Json>(),
      etag: response.headers.etag,
    });
    const first = signal(await api.post(`${subject.path}/grants`, DEVICE_INFO, { key }));
    expect(first).toMatchObject({ status: 201, header: undefined, body: { replayed: false } });

    const fromRecord = signal(await api.post(`${subject.path}/grants`, DEVICE_INFO, { key }));
    await api.app.get(IdempotencyStore).purge(Date.now() + 1);
    const fromStream = signal(await api.post(`${subject.path}/grants`, DEVICE_INFO, { key }));

    const replay = { ...first, header: 'true', body: { ...first.body, replayed: true } };
    expect({ fromRecord, fromStream }).toEqual({ fromRecord: replay, fromStream: replay });
  });

  it('GET requests and the lookup query take no key and are never replayed', async () => {
    const subject = await api.registerSubject();
    const key = randomUUID();
    const lookup = () =>
      api.post('/v1/subjects/lookup', { appSubjectId: subject.appSubjectId }, { key });
    expect((await lookup()).headers['idempotent-replayed']).toBeUndefined();
    expect((await lookup()).headers['idempotent-replayed']).toBeUndefined();
  });
});

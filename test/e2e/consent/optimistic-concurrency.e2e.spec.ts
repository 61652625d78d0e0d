import { randomUUID } from 'node:crypto';
import { DEVICE_INFO, MAP_LOCATION } from './fixtures';
import { expectFieldError, expectProblem, type Json, useConsentApi } from './harness';

const api = useConsentApi();

const COMMANDS: readonly (readonly [string, 'POST' | 'PUT', Json])[] = [
  ['grants', 'POST', DEVICE_INFO],
  ['revocations', 'POST', DEVICE_INFO],
  [
    'syncs',
    'POST',
    { syncId: 'sync-1', ...DEVICE_INFO, precision: 'precise', userInitiated: true },
  ],
  ['local-data-mode', 'PUT', { on: true }],
  ['erasure-requests', 'POST', { scope: 'account' }],
];

describe('If-Match on subject commands', () => {
  it.each(COMMANDS)(
    '%s applies with the current ETag and answers the next one',
    async (resource, method, body) => {
      const subject = await api.registerSubject();
      const response = await api.send(method, `${subject.path}/${resource}`, body, {
        ifMatch: subject.etag,
      });
      expect(response.statusCode).toBe(method === 'PUT' ? 200 : 201);
      expect(response.headers.etag).toBe('"1"');
      expect((await api.get(subject.path)).headers.etag).toBe('"1"');
    },
  );

  it.each(COMMANDS)(
    '%s with a stale ETag is 409 with the current revision, recording nothing',
    async (resource, method, body) => {
      const subject = await api.registerSubject();
      expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
      const response = await api.send(method, `${subject.path}/${resource}`, body, {
        ifMatch: subject.etag,
      });
      const problem = expectProblem(response, 409, 'wrong-expected-revision');
      expect(problem.currentRevision).toBe(1);
      expect(await api.subjectEvents(subject.subjectId)).toHaveLength(2);
    },
  );

  it('accepts the ETag of GET /v1/subjects/:subjectId, weak or strong', async () => {
    const subject = await api.registerSubject();
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    const etag = String((await api.get(subject.path)).headers.etag);
    expect(etag).toBe('"1"');
    const strong = await api.post(`${subject.path}/grants`, DEVICE_INFO, { ifMatch: etag });
    expect(strong.statusCode).toBe(201);
    const weak = await api.post(`${subject.path}/revocations`, DEVICE_INFO, {
      ifMatch: `W/${String(strong.headers.etag)}`,
    });
    expect(weak.statusCode).toBe(201);
    expect(weak.json()).toMatchObject({ revision: 3 });
  });

  it.each(['*', '3', '"three"', '"-1"', '"1", "2"', 'W/3'])(
    'refuses the malformed If-Match %s with 400 naming the header',
    async (ifMatch) => {
      const subject = await api.registerSubject();
      expectFieldError(
        await api.post(`${subject.path}/grants`, DEVICE_INFO, { ifMatch }),
        'If-Match',
      );
      expect(await api.subjectEvents(subject.subjectId)).toHaveLength(1);
    },
  );

  it('without If-Match a command is decided on whatever the state is now', async () => {
    const subject = await api.registerSubject();
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    const response = await api.post(`${subject.path}/grants`, DEVICE_INFO);
    expect(response.json()).toMatchObject({ revision: 2 });
  });

  it('of two concurrent commands pinned to the same revision, one applies and one is 409', async () => {
    const subject = await api.registerSubject();
    const responses = await Promise.all(
      [DEVICE_INFO, MAP_LOCATION].map((body) =>
        api.post(`${subject.path}/grants`, body, { ifMatch: subject.etag, key: randomUUID() }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const conflict = responses.find((r) => r.statusCode === 409)!;
    expect(expectProblem(conflict, 409, 'wrong-expected-revision').currentRevision).toBe(1);
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(2);
  });

  it('without If-Match, concurrent commands on one subject all apply, one after another', async () => {
    const subject = await api.registerSubject();
    const bodies = [DEVICE_INFO, MAP_LOCATION, { ...DEVICE_INFO, purpose: 'service-improvement' }];
    const responses = await Promise.all(
      bodies.map((body) => api.post(`${subject.path}/grants`, body)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(responses.map((r) => r.json<{ revision: number }>().revision).sort()).toEqual([1, 2, 3]);
    expect(await api.subjectEvents(subject.subjectId)).toHaveLength(4);
  });
});

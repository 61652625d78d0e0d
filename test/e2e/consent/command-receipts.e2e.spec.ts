import { DEVICE_INFO, FLIGHT_LOGS, policyVersion } from './fixtures';
import { type Json, useConsentApi } from './harness';

const api = useConsentApi();

interface Receipt {
  subjectId: string;
  revision: number;
  consistencyToken: string;
  replayed: boolean;
}

describe('what every command answers', () => {
  it('walks a subject through every command: revision +1 each time, ETag = revision, token = position reached', async () => {
    const subject = await api.registerSubject();
    const steps: [string, 'POST' | 'PUT', Json, Json][] = [
      ['grants', 'POST', DEVICE_INFO, {}],
      ['revocations', 'POST', DEVICE_INFO, {}],
      [
        'syncs',
        'POST',
        { syncId: 'sync-1', ...FLIGHT_LOGS, precision: 'precise', userInitiated: true },
        { outcome: 'recorded', basis: 'one-off-sync', reasons: [] },
      ],
      ['local-data-mode', 'PUT', { on: true }, {}],
      ['erasure-requests', 'POST', { scope: 'account' }, { erasureId: expect.any(String) }],
    ];
    let previousToken = BigInt(subject.consistencyToken);
    for (const [index, [resource, method, body, extra]] of steps.entries()) {
      const response = await api.send(method, `${subject.path}/${resource}`, body);
      expect(response.statusCode).toBe(method === 'PUT' ? 200 : 201);
      const receipt = response.json<Receipt>();
      expect(receipt).toEqual({
        subjectId: subject.subjectId,
        revision: index + 1,
        consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
        replayed: false,
        ...extra,
      });
      expect(response.headers.etag).toBe(`"${index + 1}"`);
      const token = BigInt(receipt.consistencyToken);
      expect(token).toBeGreaterThan(previousToken);
      previousToken = token;
      // The token is the position of the event this command appended, at its revision. (The
      // erasure workflow may append its own steps after an erasure request.)
      const events = await api.subjectEvents(subject.subjectId);
      expect(events[index + 1]!.globalPosition).toBe(token);
      expect(await api.store.headPosition()).toBeGreaterThanOrEqual(token);
    }
  });

  it('publishing a policy answers the version, when it takes effect and the position reached', async () => {
    const before = await api.store.headPosition();
    const response = await api.post('/v1/policies', policyVersion(2));
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBeUndefined();
    const receipt = response.json<{ consistencyToken: string }>();
    expect(BigInt(receipt.consistencyToken)).toBe(before + 1n);
    const [, published] = await api.store.readStream('policy-default');
    expect(published!.globalPosition).toBe(before + 1n);
    expect(response.json()).toMatchObject({
      version: 2,
      effectiveFrom: published!.data.occurredAt,
      replayed: false,
    });
  });

  it('successful answers are JSON, not problem+json', async () => {
    const subject = await api.registerSubject();
    for (const response of [
      await api.get(subject.path),
      await api.get(`${subject.path}/permissions`),
      await api.get('/v1/policies'),
      await api.post(`${subject.path}/grants`, DEVICE_INFO),
    ]) {
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});

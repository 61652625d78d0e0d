import { randomUUID } from 'node:crypto';
import type { Combination, Json, RegisteredSubject } from './harness';
import { expectFieldError, expectProblem, UNKNOWN_SUBJECT, useConsentApi } from './harness';
import {
  APP_PERFORMANCE,
  CATEGORY_KEYS,
  DEVICE_INFO,
  FLIGHT_LOGS,
  LOCATION_CHECK,
  MAP_LOCATION,
  MAP_LOCATION_CN,
} from './fixtures';

const api = useConsentApi();

function sync(combination: Combination, fields: Json = {}): Json {
  return {
    syncId: `sync-${randomUUID()}`,
    ...combination,
    precision: 'precise',
    userInitiated: false,
    ...fields,
  };
}

interface SyncReceipt {
  subjectId: string;
  revision: number;
  consistencyToken: string;
  replayed: boolean;
  outcome: 'recorded' | 'refused';
  basis?: string;
  reasons: string[];
}

async function recordSync(subject: RegisteredSubject, body: Json): Promise<SyncReceipt> {
  const response = await api.post(`${subject.path}/syncs`, body);
  expect({ status: response.statusCode, body: response.json<unknown>() }).toMatchObject({
    status: 201,
  });
  expect(response.headers.etag).toBe(`"${response.json<SyncReceipt>().revision}"`);
  return response.json<SyncReceipt>();
}

/** The subject's newest event, which must be the sync-refused event of `syncId`. */
async function expectRefusalRecorded(
  subject: RegisteredSubject,
  syncId: unknown,
  reasons: string[],
): Promise<void> {
  const events = await api.subjectEvents(subject.subjectId);
  const refused = events.filter((e) => e.type === 'sync-refused' && e.data.syncId === syncId);
  expect(refused).toHaveLength(1);
  expect(refused[0]!.data).toMatchObject({ reasons });
}

describe('POST /v1/subjects/:subjectId/syncs — recorded flows', () => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
  });

  it('a user-initiated sync of a per-transfer category is its own one-off consent', async () => {
    const body = sync(FLIGHT_LOGS, {
      userInitiated: true,
      recordIds: ['flight-2026-11-22-001'],
      sizeBytes: 482_133,
    });
    const receipt = await recordSync(subject, body);
    expect(receipt).toEqual({
      subjectId: subject.subjectId,
      revision: 1,
      consistencyToken: expect.stringMatching(/^\d+$/) as unknown,
      replayed: false,
      outcome: 'recorded',
      basis: 'one-off-sync',
      reasons: [],
    });
    const events = await api.subjectEvents(subject.subjectId);
    expect(events.at(-1)).toMatchObject({
      type: 'sync-recorded',
      data: {
        syncId: body.syncId,
        basis: 'one-off-sync',
        recordIds: ['flight-2026-11-22-001'],
        sizeBytes: 482_133,
        policyVersion: 1,
      },
    });
  });

  it('flows on an opt-out default, a mandatory category and a grant', async () => {
    expect(
      await recordSync(subject, sync(APP_PERFORMANCE, { precision: 'aggregate' })),
    ).toMatchObject({ outcome: 'recorded', basis: 'opt-out-default' });
    expect(
      await recordSync(subject, sync(LOCATION_CHECK, { precision: 'approximate' })),
    ).toMatchObject({ outcome: 'recorded', basis: 'mandatory' });
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    expect(
      await recordSync(
        subject,
        sync(MAP_LOCATION, {
          precision: 'approximate',
          location: { latitude: 47.4, longitude: 8.5 },
        }),
      ),
    ).toMatchObject({ outcome: 'recorded', basis: 'grant' });
  });

  it('refuses a second sync with the same syncId with 409', async () => {
    const body = sync(APP_PERFORMANCE, { precision: 'aggregate' });
    await recordSync(subject, body);
    const again = await api.post(`${subject.path}/syncs`, { ...body, sizeBytes: 1 });
    expectProblem(again, 409, 'duplicate-id');
  });
});

describe('POST /v1/subjects/:subjectId/syncs — refused flows are recorded with their reasons', () => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
  });

  it('no basis: an opt-in category without a grant, not user-initiated', async () => {
    const body = sync(DEVICE_INFO);
    const receipt = await recordSync(subject, body);
    expect(receipt).toMatchObject({ outcome: 'refused', reasons: ['no-basis'] });
    expect(receipt).not.toHaveProperty('basis');
    await expectRefusalRecorded(subject, body.syncId, ['no-basis']);
  });

  it('region: a rest-of-world subject syncing to a mainland-China recipient', async () => {
    const body = sync(MAP_LOCATION_CN, { precision: 'approximate', userInitiated: true });
    expect(await recordSync(subject, body)).toMatchObject({
      outcome: 'refused',
      reasons: ['region'],
    });
    await expectRefusalRecorded(subject, body.syncId, ['region']);
  });

  it('precision: location sent precisely where only approximate is allowed', async () => {
    const body = sync(MAP_LOCATION, { precision: 'precise', userInitiated: true });
    expect(await recordSync(subject, body)).toMatchObject({
      outcome: 'refused',
      reasons: ['precision'],
    });
    await expectRefusalRecorded(subject, body.syncId, ['precision']);
  });

  it('per-transfer only: a flight log that the user did not initiate', async () => {
    const body = sync(FLIGHT_LOGS);
    expect(await recordSync(subject, body)).toMatchObject({
      outcome: 'refused',
      reasons: ['per-transfer-only'],
    });
    await expectRefusalRecorded(subject, body.syncId, ['per-transfer-only']);
  });

  it('local data mode: nothing flows, mandatory categories included', async () => {
    expect((await api.put(`${subject.path}/local-data-mode`, { on: true })).statusCode).toBe(200);
    const mandatory = sync(LOCATION_CHECK, { precision: 'approximate' });
    expect(await recordSync(subject, mandatory)).toMatchObject({
      outcome: 'refused',
      reasons: ['local-data-mode'],
    });
    await expectRefusalRecorded(subject, mandatory.syncId, ['local-data-mode']);

    const oneOff = sync(FLIGHT_LOGS, { userInitiated: true });
    expect(await recordSync(subject, oneOff)).toMatchObject({
      outcome: 'refused',
      reasons: ['local-data-mode'],
    });
    const several = sync(MAP_LOCATION_CN, { precision: 'precise' });
    expect(await recordSync(subject, several)).toMatchObject({
      outcome: 'refused',
      reasons: ['no-basis', 'local-data-mode', 'region', 'precision'],
    });
  });

  it('every refusal is in the global feed as a sync-refused event of this subject', async () => {
    const refusals = (await api.allEvents()).filter(
      (e) => e.type === 'sync-refused' && e.data.subjectId === subject.subjectId,
    );
    expect(refusals.map((e) => e.data.reasons)).toEqual([
      ['no-basis'],
      ['region'],
      ['precision'],
      ['per-transfer-only'],
      ['local-data-mode'],
      ['local-data-mode'],
      ['no-basis', 'local-data-mode', 'region', 'precision'],
    ]);
    for (const event of refusals) {
      expect(event.streamName).toBe(`subject-default-${subject.subjectId}`);
    }
  });
});

describe('POST /v1/subjects/:subjectId/syncs — bad input', () => {
  let subject: RegisteredSubject;
  beforeAll(async () => {
    subject = await api.registerSubject();
  });
  const post = (body: Json) => api.post(`${subject.path}/syncs`, body);

  it('lists the valid categories of an unknown one', async () => {
    const problem = expectProblem(
      await post(sync({ ...DEVICE_INFO, category: 'weather' })),
      400,
      'unknown-value',
    );
    expect(problem).toMatchObject({ field: 'category', allowed: CATEGORY_KEYS });
  });

  it('refuses a combination the policy does not offer', async () => {
    expectProblem(
      await post(sync({ ...FLIGHT_LOGS, purpose: 'map-display' })),
      400,
      'combination-not-offered',
    );
  });

  it.each([
    ['precision', { precision: 'exact' }],
    ['precision', { precision: undefined }],
    ['userInitiated', { userInitiated: 'yes' }],
    ['syncId', { syncId: 'has spaces' }],
    ['syncId', { syncId: 'x'.repeat(101) }],
    ['recordIds', { recordIds: Array.from({ length: 1001 }, (_, i) => `r${i}`) }],
    ['recordIds', { recordIds: 'flight-1' }],
    ['recordIds', { recordIds: ['x'.repeat(201)] }],
    ['recordIds', { recordIds: ['has space'] }],
    ['sizeBytes', { sizeBytes: -1 }],
    ['sizeBytes', { sizeBytes: 1.5 }],
    ['sizeBytes', { sizeBytes: '100' }],
    ['location.latitude', { location: { latitude: 91, longitude: 8.5 } }],
    ['location.longitude', { location: { latitude: 47, longitude: -181 } }],
    ['location.altitude', { location: { latitude: 47, longitude: 8, altitude: 400 } }],
    ['occurredAt', { occurredAt: 'now' }],
    ['destination', { destination: 'cloud' }],
  ])('refuses a bad %s with 400 naming the field', async (field, change) => {
    expectFieldError(await post(sync(DEVICE_INFO, change)), field);
  });

  it('accepts exactly 1000 record ids', async () => {
    const recordIds = Array.from({ length: 1000 }, (_, i) => `r${i}`);
    expect(
      await recordSync(subject, sync(APP_PERFORMANCE, { precision: 'aggregate', recordIds })),
    ).toMatchObject({ outcome: 'recorded' });
  });

  it('answers an unknown subject with 404 and a non-UUID id with 400', async () => {
    expectProblem(
      await api.post(`/v1/subjects/${UNKNOWN_SUBJECT}/syncs`, sync(DEVICE_INFO)),
      404,
      'subject-not-found',
    );
    expectProblem(await api.post('/v1/subjects/nope/syncs', sync(DEVICE_INFO)), 400, 'bad-request');
  });
});

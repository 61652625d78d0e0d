import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { CHECKPOINT_SIGNER } from '../../src/audit/audit.tokens';
import type { CheckpointSigner } from '../../src/audit/checkpoints/checkpoint-signer';
import type { BundleLine } from '../../src/audit/export/export-bundle';
import { formatVerifierKey, parseSignerKey } from '../../src/audit/note/note-keys';
import { runVerify, VERIFY_EXIT } from '../../src/cli/verify.command';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { FEED_HEAD, type FeedHead } from '../../src/processors';
import { ProjectorHost } from '../../src/projections/projector-host';
import { processorAcknowledgementsStream } from '../../src/shared/tenancy/stream-names';
import { createApiKey } from '../support/credentials';
import { AccessTestApp, type Json, MAP, type TestRequest } from '../auth/support/access-app';
import { AccessFixtures } from '../auth/support/access-fixtures';

/**
 * A recipient's own credential (role processor) and its acknowledgements (ADR 0042):
 * keys scoped to a recipient of the policy, acknowledgements recorded as events in the
 * tenant's log, refused below the last one or beyond the feed's head, answered as not
 * found for another recipient, idempotent, exported and verified.
 */
const api = new AccessTestApp();
const fixtures = new AccessFixtures(api);
let head: jest.SpyInstance<Promise<number>, [string]>;
let headPosition = 1_000;

beforeAll(async () => {
  await api.start();
  // The test double of the feed's head: whatever the test says it is.
  head = jest
    .spyOn(api.app.get<FeedHead>(FEED_HEAD), 'headPosition')
    .mockImplementation(() => Promise.resolve(headPosition));
}, 60_000);
afterAll(() => api.dispose());

const processorKey = () => api.roleKeys.processor;
const OTHER_RECIPIENT = 'first-party-row';
const acknowledgements = (recipient: string = MAP.recipient) =>
  `/v1/processors/${recipient}/acknowledgements`;
const acknowledge = (position: number, recipient?: string): TestRequest => ({
  method: 'POST',
  url: acknowledgements(recipient),
  body: { position },
});

async function recordedAcknowledgements(recipient: string = MAP.recipient) {
  const stream = processorAcknowledgementsStream('default', recipient);
  return api.app.get<EventStore>(EVENT_STORE).readStream(stream);
}

function problemOf(response: LightMyRequestResponse, status: number): Json {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.json<Json>();
}

describe('processor keys', () => {
  const create = (body: Json) =>
    api.send(api.adminKey, { method: 'POST', url: '/v1/api-keys', body });

  it('are created for a recipient of the policy, which the key shows', async () => {
    const created = await api.expectStatus(
      create({ name: 'maps', roles: ['processor'], recipient: MAP.recipient }),
      201,
    );
    expect(created).toMatchObject({ roles: ['processor'], recipient: MAP.recipient });
    const read = await api.expectStatus(
      api.send(api.adminKey, { method: 'GET', url: `/v1/api-keys/${String(created.keyId)}` }),
      200,
    );
    expect(read).toMatchObject({ roles: ['processor'], recipient: MAP.recipient });
  });

  it('refuse a recipient the policy never offered, naming the field and the allowed ones', async () => {
    const problem = problemOf(
      await create({ name: 'nobody', roles: ['processor'], recipient: 'nobody-row' }),
      400,
    );
    expect(problem).toMatchObject({
      type: 'https://consent-ledger.dev/problems/validation-error',
      errors: [{ field: 'recipient' }],
      allowed: expect.arrayContaining([MAP.recipient, OTHER_RECIPIENT]) as unknown,
    });
  });

  it.each([
    ['without a recipient', { roles: ['processor'] }, 'recipient'],
    ['beside another role', { roles: ['processor', 'app'], recipient: MAP.recipient }, 'roles'],
    [
      'a recipient on a key without the role',
      { roles: ['app'], recipient: MAP.recipient },
      'recipient',
    ],
    ['a recipient that is no string', { roles: ['processor'], recipient: 42 }, 'recipient'],
  ])('refuse %s with a 400 naming the field', async (_, body, field) => {
    const problem = problemOf(await create({ name: 'bad', ...body }), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('keep their role: a role change is refused', async () => {
    const { keyId } = await createApiKey(api.app, api.adminKey, ['processor'], {
      recipient: MAP.recipient,
    });
    problemOf(
      await api.send(api.adminKey, {
        method: 'PUT',
        url: `/v1/api-keys/${keyId}/roles`,
        body: { roles: ['auditor'] },
      }),
      409,
    );
  });

  it('cannot come from a bearer token: its processor role is ignored', async () => {
    const token = await api.oidc.token('default', ['processor']);
    problemOf(await api.send(token, acknowledge(1)), 403);
  });
});

describe('acknowledgements', () => {
  it('are recorded as events of the recipient’s stream, naming the key that sent them', async () => {
    const before = (await recordedAcknowledgements()).length;
    const receipt = await api.expectStatus(api.send(processorKey(), acknowledge(500)), 200);
    expect(receipt).toMatchObject({
      recipient: MAP.recipient,
      position: 500,
      recorded: true,
      replayed: false,
      consistencyToken: expect.any(String) as unknown,
    });
    const events = await recordedAcknowledgements();
    expect(events).toHaveLength(before + 1);
    const keyId = processorKey().split('_')[2];
    expect(events.at(-1)).toMatchObject({
      type: 'processor-acknowledged',
      data: {
        type: 'processor-acknowledged',
        tenantId: 'default',
        recipient: MAP.recipient,
        position: 500,
        acknowledgedAt: receipt.acknowledgedAt,
        actor: `key:${keyId}`,
      },
      metadata: { tenantId: 'default' },
    });
  });

  it('record nothing for the position already acknowledged, and answer the one that stands', async () => {
    const first = await api.expectStatus(api.send(processorKey(), acknowledge(600)), 200);
    const count = (await recordedAcknowledgements()).length;
    const again = await api.expectStatus(api.send(processorKey(), acknowledge(600)), 200);
    expect(again).toMatchObject({
      position: 600,
      acknowledgedAt: first.acknowledgedAt,
      recorded: false,
      replayed: false,
    });
    expect(await recordedAcknowledgements()).toHaveLength(count);
  });

  it('refuse a position below the last one with 409 and the current values', async () => {
    await api.expectStatus(api.send(processorKey(), acknowledge(700)), 200);
    const problem = problemOf(await api.send(processorKey(), acknowledge(650)), 409);
    expect(problem).toMatchObject({
      code: 'acknowledgement-behind',
      lastAcknowledgedPosition: 700,
      headPosition,
    });
  });

  it('refuse a position beyond the feed’s head with 409 and the head', async () => {
    headPosition = 800;
    try {
      const problem = problemOf(await api.send(processorKey(), acknowledge(801)), 409);
      expect(problem).toMatchObject({
        code: 'acknowledgement-beyond-head',
        headPosition: 800,
        lastAcknowledgedPosition: expect.any(Number) as unknown,
      });
      expect(head).toHaveBeenCalledWith('default');
      await api.expectStatus(api.send(processorKey(), acknowledge(800)), 200);
    } finally {
      headPosition = 1_000;
    }
  });

  it('answer another recipient as a recipient that does not exist (404)', async () => {
    const other = await api.send(processorKey(), acknowledge(1, OTHER_RECIPIENT));
    const unknown = await api.send(processorKey(), acknowledge(1, 'made-up-row'));
    const comparable = (response: LightMyRequestResponse) => {
      const { instance: _instance, ...rest } = problemOf(response, 404);
      return rest;
    };
    expect(comparable(other)).toEqual(comparable(unknown));
    expect(await recordedAcknowledgements(OTHER_RECIPIENT)).toHaveLength(0);
  });

  it('may be recorded by a tenant admin for any recipient', async () => {
    await api.expectStatus(api.send(api.adminKey, acknowledge(3, OTHER_RECIPIENT)), 200);
    expect(await recordedAcknowledgements(OTHER_RECIPIENT)).toHaveLength(1);
    problemOf(await api.send(api.adminKey, acknowledge(3, 'made-up-row')), 404);
  });

  it('refuse a position that is not a whole number from 0, naming the field', async () => {
    for (const position of [-1, 1.5, '7', null]) {
      const problem = problemOf(
        await api.send(processorKey(), { ...acknowledge(0), body: { position } }),
        400,
      );
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'position' })]);
    }
  });

  it('honour the Idempotency-Key: a retry replays and records one event', async () => {
    const key = randomUUID();
    const count = (await recordedAcknowledgements()).length;
    const first = await api.send(processorKey(), acknowledge(900), { 'idempotency-key': key });
    const retry = await api.send(processorKey(), acknowledge(900), { 'idempotency-key': key });
    expect(first.json()).toMatchObject({ position: 900, recorded: true, replayed: false });
    expect(retry.json()).toMatchObject({ position: 900, recorded: true, replayed: true });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await recordedAcknowledgements()).toHaveLength(count + 1);
    const reused = await api.send(processorKey(), acknowledge(950), { 'idempotency-key': key });
    problemOf(reused, 422);
  });
});

describe('erasure confirmations by the processor itself', () => {
  const confirm = (path: string, recipient: string) =>
    api.send(processorKey(), { method: 'POST', url: `${path}/confirmations`, body: { recipient } });

  it('are accepted for its own recipient', async () => {
    const erasure = await fixtures.openErasure();
    await api.expectStatus(confirm(erasure.path, MAP.recipient), 201);
  });

  it('answer another recipient, and an erasure it was not notified of, as a made-up erasure', async () => {
    const erasure = await fixtures.openErasure();
    const madeUp = erasure.path.replace(erasure.erasureId, randomUUID());
    const comparable = (response: LightMyRequestResponse) => {
      const { instance: _i, erasureId: _e, detail: _d, ...rest } = problemOf(response, 404);
      return rest;
    };
    const expected = comparable(await confirm(madeUp, MAP.recipient));
    expect(comparable(await confirm(erasure.path, OTHER_RECIPIENT))).toEqual(expected);

    // A subject whose data never went to the map provider: its erasure notified nobody there.
    const subject = await fixtures.subject();
    const receipt = await api.own(
      { method: 'POST', url: `${subject.path}/erasure-requests`, body: { scope: 'account' } },
      201,
    );
    const unnotified = `${subject.path}/erasure-requests/${String(receipt.erasureId)}`;
    const response = await confirm(unnotified, MAP.recipient);
    expect(comparable(response)).toEqual(expected);
    expect(response.body).not.toContain(OTHER_RECIPIENT);
  });
});

describe('in the audit log', () => {
  it('appear in the whole-log export, which the offline verifier accepts', async () => {
    await api.expectStatus(api.send(processorKey(), acknowledge(990)), 200);
    const store = api.app.get<EventStore>(EVENT_STORE);
    expect(
      await api.app.get(ProjectorHost).waitForPosition(await store.headPosition(), 30_000),
    ).toBe(true);
    await api.app.get<CheckpointSigner>(CHECKPOINT_SIGNER).sign('default');
    const answer = await api.send(api.roleKeys.auditor, {
      method: 'GET',
      url: '/v1/audit/exports?from=1970-01-01T00:00:00Z',
    });
    expect({ status: answer.statusCode, body: answer.body.slice(0, 300) }).toMatchObject({
      status: 200,
    });
    const lines = answer.body
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as BundleLine);
    const acknowledged = lines.filter(
      (line) => line.kind === 'event' && line.event.type === 'processor-acknowledged',
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    expect(acknowledged.every((line) => line.kind === 'event' && line.leafIndex !== null)).toBe(
      true,
    );

    const path = join(api.dataDir, 'whole-log.jsonl');
    writeFileSync(path, answer.body);
    const signer = parseSignerKey(
      readFileSync(join(api.dataDir, 'keys', 'checkpoint-signing.key'), 'utf8').trim(),
    );
    const report: string[] = [];
    const code = await runVerify(
      path,
      formatVerifierKey('consent-ledger.local/default', signer.publicKey),
      { line: (text) => report.push(text) },
    );
    // The report is shown only when the verdict is not the one expected.
    expect({ code, report }).toMatchObject({ code: VERIFY_EXIT.verified });
  }, 60_000);
});

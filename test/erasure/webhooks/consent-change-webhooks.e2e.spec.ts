import { setTimeout as sleep } from 'node:timers/promises';
import { WebhookDispatcher } from '../../../src/erasure/webhooks/delivery/webhook-dispatcher';
import {
  decodeWebhookSecret,
  verifyWebhook,
} from '../../../src/erasure/webhooks/signing/testing/webhook-verifier';
import { MAP_LOCATION } from '../../e2e/consent/fixtures';
import { CRASH_WEBHOOK_ENV, runAndKillMidDelivery } from './support/kill-mid-delivery';
import { WebhookApi } from './support/webhook-api';
import { type ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';

/**
 * Consent-change webhooks (ADR 0046): a recipient whose webhook takes `consent.changed`
 * receives its feed changes in signed batches through the erasure webhook outbox. The
 * processor is a local server on 127.0.0.1, allow-listed, with http allowed for the test.
 */
const WEBHOOK_ENV = { ...CRASH_WEBHOOK_ENV, WEBHOOK_MAX_ATTEMPTS: '6' };
const BOTH = ['erasure.requested', 'consent.changed'];

interface FeedChange {
  position: number;
  subjectId: string;
  recipient: string;
  permitted: boolean;
}

interface ChangeBody {
  type: string;
  timestamp: string;
  data: { tenantId: string; recipient: string; changes: FeedChange[]; after: number; upTo: number };
}

interface WebhookState {
  events: string[];
  consentChanges: { deliveredUpTo: number; latest: { state: string; attempts: number } | null };
}

async function recipientFeed(api: WebhookApi, recipient: string): Promise<FeedChange[]> {
  const response = await api.get(`/v1/feed/changes?after=0&limit=1000&recipient=${recipient}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ changes: FeedChange[] }>().changes;
}

async function webhookState(api: WebhookApi, recipient: string): Promise<WebhookState> {
  const response = await api.get(`/v1/processors/${recipient}/webhook`);
  expect(response.statusCode).toBe(200);
  return response.json<WebhookState>();
}

/**
 * Waits until the recipient's feed holds `count` changes and all of them were delivered.
 * A bound on a wait (the dispatcher runs in the background), not an assertion about speed.
 */
async function allDelivered(api: WebhookApi, recipient: string, count: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const feed = await recipientFeed(api, recipient);
    const state = await webhookState(api, recipient);
    const head = feed.at(-1)?.position;
    if (feed.length >= count && state.consentChanges.deliveredUpTo === head) return { feed, state };
    if (Date.now() > deadline) {
      throw new Error(`not delivered: feed ${JSON.stringify(feed)}, ${JSON.stringify(state)}`);
    }
    await sleep(20);
  }
}

/** What a processor does: checks each signature, drops repeats by `webhook-id`, keeps order. */
function verifiedBatches(received: readonly ReceivedWebhook[], secret: string): ChangeBody[] {
  const key = decodeWebhookSecret(secret)!;
  const seen = new Set<string>();
  const batches: ChangeBody[] = [];
  for (const request of received) {
    const verified = verifyWebhook(key, request.headers, request.body, Date.now() / 1000);
    expect(verified).toMatchObject({ valid: true });
    const id = request.headers['webhook-id'] as string;
    if (seen.has(id)) continue;
    seen.add(id);
    batches.push(JSON.parse(request.body) as ChangeBody);
  }
  return batches;
}

describe('consent-change webhooks', () => {
  const receiver = new WebhookReceiver();
  const api = new WebhookApi(WEBHOOK_ENV);
  let mapSecret: string;

  beforeAll(async () => {
    await receiver.start();
    await api.start();
  });

  afterAll(async () => {
    await api.dispose();
    await receiver.close();
  });

  it('is opt-in: a webhook configured without events takes erasure notices only', async () => {
    const response = await api.configureWebhook('first-party-row', { url: receiver.url('/fp') });
    expect(response.json()).toMatchObject({ events: ['erasure.requested'] });
    const refused = await api.configureWebhook('first-party-row', {
      url: receiver.url('/fp'),
      events: ['consent.changed'],
    });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('events');
  });

  it('sends a grant then a revocation, signed, in feed order, after retrying a failing receiver', async () => {
    receiver.script('/maps', { status: 500 }, { status: 503 }, { status: 200 });
    const configured = await api.configureWebhook('map-provider-row', {
      url: receiver.url('/maps'),
      events: BOTH,
    });
    expect(configured.statusCode).toBe(200);
    expect(configured.json()).toMatchObject({ events: BOTH });
    mapSecret = configured.json<{ secret: string }>().secret;

    const subject = await api.registerSubject();
    expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
    expect((await api.post(`${subject.path}/revocations`, MAP_LOCATION)).statusCode).toBe(201);

    const { feed, state } = await allDelivered(api, 'map-provider-row', 2);
    expect(feed.filter((c) => c.subjectId === subject.subjectId).map((c) => c.permitted)).toEqual([
      true,
      false,
    ]);
    const batches = verifiedBatches(receiver.at('/maps'), mapSecret);
    // The first batch failed twice before it got through: three requests, one batch.
    expect(receiver.at('/maps').length).toBeGreaterThanOrEqual(batches.length + 2);
    expect(batches.every((b) => b.type === 'consent.changed')).toBe(true);
    expect(batches.flatMap((b) => b.data.changes)).toEqual(feed);
    // Batches are contiguous: each starts where the one before ended.
    let after = 0;
    for (const batch of batches) {
      expect(batch.data).toMatchObject({
        tenantId: 'default',
        recipient: 'map-provider-row',
        after,
      });
      expect(batch.data.changes.at(-1)!.position).toBe(batch.data.upTo);
      after = batch.data.upTo;
    }
    expect(state).toMatchObject({
      events: BOTH,
      consentChanges: { deliveredUpTo: after, latest: { state: 'delivered' } },
    });
  });

  it("sends no change to a recipient that did not opt in, nor another recipient's", async () => {
    // The first party has changes of its own (an opt-out default flows from registration).
    expect((await recipientFeed(api, 'first-party-row')).length).toBeGreaterThan(0);
    expect(receiver.at('/fp')).toEqual([]);
    expect((await webhookState(api, 'first-party-row')).consentChanges).toEqual({
      deliveredUpTo: 0,
      latest: null,
    });
    const sent = verifiedBatches(receiver.at('/maps'), mapSecret).flatMap((b) => b.data.changes);
    expect(sent.every((c) => c.recipient === 'map-provider-row')).toBe(true);
  });
});

describe('consent-change webhooks across a crash in the middle of a send', () => {
  const receiver = new WebhookReceiver();
  const api = new WebhookApi(WEBHOOK_ENV);

  beforeAll(() => receiver.start());
  afterAll(async () => {
    await api.dispose();
    await receiver.close();
  });

  it('loses no change and the receiver drops the repeat by webhook-id', async () => {
    receiver.script('/crash', 'hang', { status: 200 });
    // The child configures the webhook with both events, grants and revokes; it is killed
    // while the processor holds the first batch unanswered.
    const { secret } = await runAndKillMidDelivery(
      api.dataDir,
      receiver,
      '/crash',
      { ...WEBHOOK_ENV, CHANGE_WEBHOOKS: 'true' },
      ['secret'],
    );
    expect(receiver.at('/crash')).toHaveLength(1);

    // Restart on the same data: the leased, unrecorded batch is sent again once its lease
    // runs out, with the same webhook-id; whatever the child recorded after it follows.
    await api.start();
    const { feed } = await allDelivered(api, 'map-provider-row', 1);
    const received = receiver.at('/crash');
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.slice(1).map((r) => r.headers['webhook-id'])).toContain(
      received[0]!.headers['webhook-id'],
    );
    const batches = verifiedBatches(received, secret);
    expect(batches.flatMap((b) => b.data.changes)).toEqual(feed);

    // Another restart sends nothing more.
    const count = receiver.at('/crash').length;
    await api.close();
    await api.start();
    expect(await api.app.get(WebhookDispatcher).dispatchDue()).toBe(0);
    expect(receiver.at('/crash')).toHaveLength(count);
  }, 120_000);
});

import { WebhookDispatcher } from '../../../src/erasure/webhooks/delivery/webhook-dispatcher';
import type { WebhookOutbox } from '../../../src/erasure/webhooks/outbox/webhook-outbox.port';
import {
  decodeWebhookSecret,
  verifyWebhook,
} from '../../../src/erasure/webhooks/signing/testing/webhook-verifier';
import { WEBHOOK_OUTBOX } from '../../../src/erasure/webhooks/webhooks.tokens';
import { CRASH_WEBHOOK_ENV, runAndKillMidDelivery } from './support/kill-mid-delivery';
import { WebhookApi } from './support/webhook-api';
import { WebhookReceiver } from './support/webhook-receiver';

const WEBHOOK_ENV = CRASH_WEBHOOK_ENV;

describe('webhook delivery survives a crash in the middle of a send', () => {
  const receiver = new WebhookReceiver();
  const api = new WebhookApi(WEBHOOK_ENV);

  beforeAll(() => receiver.start());
  afterAll(async () => {
    await api.dispose();
    await receiver.close();
  });

  it('sends again after a restart, with the same webhook-id, and never after acknowledgement', async () => {
    receiver.script('/crash', 'hang', { status: 200 });
    // Runs the child until its dispatcher has sent the notification, then kills it.
    const { secret, subjectId, erasureId } = await runAndKillMidDelivery(
      api.dataDir,
      receiver,
      '/crash',
      WEBHOOK_ENV,
      ['secret', 'subjectId', 'erasureId'],
    );
    expect(receiver.at('/crash')).toHaveLength(1);

    // Restart on the same data: the leased, unrecorded delivery is due again once its
    // lease runs out, and is sent again.
    await api.start();
    const subjectPath = `/v1/subjects/${subjectId}`;
    const delivered = await api.deliveryOf(
      subjectPath,
      erasureId,
      'map-provider-row',
      (d) => d.state === 'delivered',
      30_000,
    );
    expect(delivered).toMatchObject({ attempts: 1, lastStatus: 200 });
    const sent = receiver.at('/crash');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers['webhook-id']).toBe(sent[0]!.headers['webhook-id']);
    const key = decodeWebhookSecret(secret)!;
    expect(verifyWebhook(key, sent[1]!.headers, sent[1]!.body, Date.now() / 1000).valid).toBe(true);

    // Another restart: the acknowledged delivery stays acknowledged, nothing is sent.
    const outbox = () => api.app.get<WebhookOutbox>(WEBHOOK_OUTBOX);
    const before = await outbox().ofErasure('default', subjectId, erasureId);
    await api.close();
    await api.start();
    expect(await api.app.get(WebhookDispatcher).dispatchDue()).toBe(0);
    expect(await outbox().ofErasure('default', subjectId, erasureId)).toEqual(before);
    expect(receiver.at('/crash')).toHaveLength(2);
  }, 120_000);
});

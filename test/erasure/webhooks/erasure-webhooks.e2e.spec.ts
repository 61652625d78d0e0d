import {
  decodeWebhookSecret,
  verifyWebhook,
} from '../../../src/erasure/webhooks/signing/testing/webhook-verifier';
import { WebhookDispatcher } from '../../../src/erasure/webhooks/delivery/webhook-dispatcher';
import { ERASURE_WEBHOOK_OUTBOX } from '../../../src/erasure/webhooks/outbox/erasure-webhook-outbox.projection';
import type { WebhookOutbox } from '../../../src/erasure/webhooks/outbox/webhook-outbox.port';
import { WEBHOOK_OUTBOX } from '../../../src/erasure/webhooks/webhooks.tokens';
import { ProjectorHost } from '../../../src/projections/projector-host';
import { LOCATION_CHECK, MAP_LOCATION } from '../../e2e/consent/fixtures';
import { expectProblem, type RegisteredSubject } from '../../e2e/consent/harness';
import { WebhookApi } from './support/webhook-api';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Erasure notifications delivered as signed webhooks (ADR 0015), end to end: the registry,
 * the outbox, the dispatcher with retries, redirects refused, timeouts, the view, the
 * metrics, and a rebuild that re-sends nothing. The processor is a local server on
 * 127.0.0.1, allow-listed, with http allowed for the test; nothing else is contacted.
 */
const receiver = new WebhookReceiver();
const api = new WebhookApi({
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_MAX_MS: '40',
  WEBHOOK_POLL_INTERVAL_MS: '20',
  WEBHOOK_RESPONSE_TIMEOUT_MS: '500',
  WEBHOOK_MAX_ATTEMPTS: '3',
});

beforeAll(async () => {
  await receiver.start();
  await api.start();
});

afterAll(async () => {
  await api.dispose();
  await receiver.close();
});

interface Configured {
  secret?: string;
  secretIssued: boolean;
  url: string;
}

async function configure(recipient: string, path: string, rotateSecret?: boolean) {
  const response = await api.configureWebhook(recipient, {
    url: receiver.url(path),
    ...(rotateSecret === undefined ? {} : { rotateSecret }),
  });
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 });
  return response.json<Configured>();
}

/** A subject whose data went to the map provider and to the first party, then an erasure. */
async function erasedSubject(): Promise<{ subject: RegisteredSubject; erasureId: string }> {
  const subject = await api.registerSubject();
  expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
  await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
  await api.sync(subject.path, { ...LOCATION_CHECK, precision: 'approximate' }, 'recorded');
  const request = await api.requestErasure(subject.path, { scope: 'account' });
  return { subject, erasureId: request.erasureId };
}

describe('the webhook registry', () => {
  it('refuses a recipient the policy does not name, listing the allowed ones', async () => {
    const response = await api.configureWebhook('nobody', { url: receiver.url('/x') });
    expectProblem(response, 400, 'unknown-value');
    expect(response.json()).toMatchObject({
      code: 'unknown-recipient',
      allowed: expect.arrayContaining(['map-provider-row', 'first-party-row']) as string[],
    });
  });

  // Loopback targets only, refused because only 127.0.0.1 is allow-listed: a test never
  // configures another address, even one it expects to be refused.
  it.each([
    'https://127.0.0.2/hooks',
    'http://[::1]/latest/meta-data',
    'https://[::ffff:127.0.0.2]/hooks',
    'https://0x7f.0.0.2/hooks',
    'https://user:password@127.0.0.1/hooks',
    'ftp://127.0.0.1/hooks',
  ])('refuses %s with a problem naming url', async (url) => {
    const response = await api.configureWebhook('map-provider-row', { url });
    expectProblem(response, 400, 'validation-error');
    expect(response.json()).toMatchObject({ errors: [{ field: 'url' }] });
  });

  it('issues the secret once, keeps it out of the log, and reads back without it', async () => {
    const first = await configure('map-provider-cn', '/cn');
    expect(first.secret).toMatch(/^whsec_/);
    expect(first.secretIssued).toBe(true);
    const again = await configure('map-provider-cn', '/cn');
    expect(again).toMatchObject({ secretIssued: false });
    expect(again.secret).toBeUndefined();
    const rotated = await configure('map-provider-cn', '/cn', true);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(first.secret);

    const read = await api.get('/v1/processors/map-provider-cn/webhook');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({
      recipient: 'map-provider-cn',
      url: receiver.url('/cn'),
      configuredAt: expect.any(String) as string,
      secretIssuedAt: expect.any(String) as string,
      events: ['erasure.requested'],
      consentChanges: { deliveredUpTo: 0, latest: null },
    });
    expect((await api.get('/v1/processors/first-party-cn/webhook')).statusCode).toBe(404);

    const events = await api.store.readStream('processors-default');
    expect(events.map((e) => e.type)).toEqual([
      'processor-webhook-configured',
      'processor-webhook-configured',
    ]);
    const stored = JSON.stringify(events.map((e) => [e.data, e.metadata])) + api.logs.text;
    for (const secret of [first.secret!, rotated.secret!]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice('whsec_'.length));
    }
  });
});

describe('delivering an erasure notification', () => {
  let subject: RegisteredSubject;
  let erasureId: string;
  let mapSecret: Buffer;

  beforeAll(async () => {
    mapSecret = decodeWebhookSecret((await configure('map-provider-row', '/maps')).secret!)!;
    ({ subject, erasureId } = await erasedSubject());
  });

  it('sends a signed notification to a configured processor, once', async () => {
    const delivery = await api.deliveryOf(subject.path, erasureId, 'map-provider-row', (d) =>
      ['delivered', 'failed'].includes(d.state),
    );
    expect(delivery).toMatchObject({
      state: 'delivered',
      attempts: 1,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    const [received, ...more] = receiver.at('/maps');
    expect(more).toEqual([]);
    const verified = verifyWebhook(mapSecret, received!.headers, received!.body, Date.now() / 1000);
    expect(verified).toMatchObject({ valid: true });
    expect(JSON.parse(received!.body)).toEqual({
      type: 'erasure.requested',
      timestamp: expect.any(String) as string,
      data: {
        tenantId: 'default',
        erasureId,
        subjectId: subject.subjectId,
        appSubjectId: subject.appSubjectId,
        recipient: 'map-provider-row',
        scope: 'account',
        categories: ['approximate-location'],
        requestedAt: expect.any(String) as string,
        deadline: expect.any(String) as string,
        confirmationPath: `/v1/subjects/${subject.subjectId}/erasure-requests/${erasureId}/confirmations`,
      },
    });
    // Nothing of the subject's goes into the outbox's database in plaintext.
    expect(api.logs.text).not.toContain(subject.appSubjectId);
  });

  it('leaves a recipient without a webhook waiting, and sends once it is configured, retrying a 500', async () => {
    const waiting = await api.deliveryOf(
      subject.path,
      erasureId,
      'first-party-row',
      (d) => d.state !== 'pending',
    );
    expect(waiting).toMatchObject({ state: 'unconfigured', attempts: 0, lastAttemptAt: null });
    expect(receiver.at('/first-party')).toEqual([]);

    receiver.script(
      '/first-party',
      { status: 500, body: 'processor stack trace' },
      { status: 204 },
    );
    const secret = decodeWebhookSecret(
      (await configure('first-party-row', '/first-party')).secret!,
    )!;
    const delivery = await api.deliveryOf(
      subject.path,
      erasureId,
      'first-party-row',
      (d) => d.state === 'delivered',
    );
    expect(delivery).toMatchObject({ attempts: 2, lastStatus: 204 });
    const attempts = receiver.at('/first-party');
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const attempt of attempts) {
      expect(verifyWebhook(secret, attempt.headers, attempt.body, Date.now() / 1000).valid).toBe(
        true,
      );
    }
    const view = JSON.stringify(await api.erasure(subject.path, erasureId));
    expect(view).not.toContain('stack trace');
  });

  it('re-sends nothing after the outbox projection and the workflow are rebuilt', async () => {
    const outbox = api.app.get<WebhookOutbox>(WEBHOOK_OUTBOX);
    const before = await outbox.ofErasure('default', subject.subjectId, erasureId);
    const sent = receiver.received.length;
    const host = api.app.get(ProjectorHost);
    await host.rebuild(ERASURE_WEBHOOK_OUTBOX);
    await host.rebuild('erasure_notifier');
    // A dispatch round right now finds nothing due, and the rows are exactly as they were
    // (a delivery made anew would have lost its attempts and acknowledgement).
    expect(await api.app.get(WebhookDispatcher).dispatchDue()).toBe(0);
    expect(await outbox.ofErasure('default', subject.subjectId, erasureId)).toEqual(before);
    expect(before.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    expect(receiver.received).toHaveLength(sent);
  });
});

describe('failed attempts', () => {
  it('counts a redirect as a failure without following it, gives up, and revives on reconfiguration', async () => {
    receiver.script('/moved', { status: 301, headers: { location: receiver.url('/maps') } });
    await configure('map-provider-row', '/moved');
    const before = receiver.at('/maps').length;
    const { subject, erasureId } = await erasedSubject();

    const failed = await api.deliveryOf(
      subject.path,
      erasureId,
      'map-provider-row',
      (d) => d.state === 'failed',
    );
    expect(failed).toMatchObject({ attempts: 3, lastStatus: 301, lastError: 'redirect' });
    expect(receiver.at('/moved')).toHaveLength(3);
    expect(receiver.at('/maps')).toHaveLength(before);

    receiver.script('/slow', 'hang');
    await configure('map-provider-row', '/slow');
    const slow = await api.deliveryOf(
      subject.path,
      erasureId,
      'map-provider-row',
      (d) => d.lastError === 'response-timeout',
    );
    expect(slow.lastStatus).toBeNull();

    await configure('map-provider-row', '/maps');
    await api.deliveryOf(
      subject.path,
      erasureId,
      'map-provider-row',
      (d) => d.state === 'delivered',
    );
    expect(receiver.at('/maps')).toHaveLength(before + 1);
  });

  it('publishes delivery metrics labelled by tenant, state and outcome only', async () => {
    const metrics = (await api.get('/metrics')).body;
    expect(metrics).toMatch(
      /erasure_webhook_delivery_attempts_total\{tenant="default",outcome="delivered"\} \d+/,
    );
    expect(metrics).toMatch(
      /erasure_webhook_delivery_attempts_total\{tenant="default",outcome="redirect"\} 3/,
    );
    expect(metrics).toContain('erasure_webhook_deliveries_pending');
    const webhookLines = metrics.split('\n').filter((line) => line.startsWith('erasure_webhook'));
    expect(webhookLines.length).toBeGreaterThan(0);
    for (const line of webhookLines) {
      const labels = [...line.matchAll(/(\w+)="/g)].map((match) => match[1]);
      expect(labels.every((label) => ['tenant', 'state', 'outcome'].includes(label!))).toBe(true);
    }
    expect(metrics).not.toContain('127.0.0.1');
  });
});

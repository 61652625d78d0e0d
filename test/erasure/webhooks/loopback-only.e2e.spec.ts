import { LOCATION_CHECK, MAP_LOCATION } from '../../e2e/consent/fixtures';
import { expectProblem } from '../../e2e/consent/harness';
import { DialRecorder } from './support/dial-recorder';
import { WebhookApi } from './support/webhook-api';
import { WebhookReceiver } from './support/webhook-receiver';
import { TableResolver } from './support/webhook-resolver.module';

/**
 * The webhook sender connects to an allowed address and nowhere else. A whole erasure flow
 * runs with several recipients while every TCP connection the process attempts is recorded
 * by the address it dials. Only 127.0.0.1 is allow-listed; the other targets are loopback
 * addresses too (127.0.0.2, ::1), so nothing leaves the machine even if a refusal broke.
 */
const dials = new DialRecorder();
const receiver = new WebhookReceiver();
const names = new TableResolver({ 'processor.test': ['127.0.0.1'] });
const api = new WebhookApi(
  {
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_POLL_INTERVAL_MS: '20',
    WEBHOOK_RETRY_BASE_MS: '20',
    WEBHOOK_RETRY_MAX_MS: '40',
    WEBHOOK_RESPONSE_TIMEOUT_MS: '2000',
    WEBHOOK_MAX_ATTEMPTS: '2',
  },
  [names.module()],
);

beforeAll(async () => {
  dials.install();
  await receiver.start();
  await api.start();
});

afterAll(async () => {
  try {
    await api.dispose();
    await receiver.close();
  } finally {
    dials.uninstall();
  }
});

it('dials only the allow-listed loopback address, whatever the recipients are configured with', async () => {
  const port = new URL(receiver.origin).port;
  const configure = (recipient: string, url: string) => api.configureWebhook(recipient, { url });

  expect((await configure('map-provider-row', receiver.url('/maps'))).statusCode).toBe(200);
  // Resolves to the allowed 127.0.0.1 now, and to 127.0.0.2 by the time of delivery.
  expect(
    (await configure('first-party-row', `http://processor.test:${port}/rebound`)).statusCode,
  ).toBe(200);
  names.set('processor.test', ['127.0.0.2']);
  for (const [recipient, url] of [
    ['map-provider-cn', `http://127.0.0.2:${port}/other-loopback`],
    ['first-party-cn', `http://[::1]:${port}/ipv6-loopback`],
    ['first-party-cn', `http://[::ffff:127.0.0.2]:${port}/mapped`],
  ] as const) {
    expectProblem(await configure(recipient, url), 400, 'validation-error');
  }

  const subject = await api.registerSubject();
  expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
  await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
  await api.sync(subject.path, { ...LOCATION_CHECK, precision: 'approximate' }, 'recorded');
  const { erasureId } = await api.requestErasure(subject.path, { scope: 'account' });

  const delivered = await api.deliveryOf(
    subject.path,
    erasureId,
    'map-provider-row',
    (d) => d.state !== 'pending',
  );
  expect(delivered).toMatchObject({ state: 'delivered', attempts: 1 });
  const rebound = await api.deliveryOf(
    subject.path,
    erasureId,
    'first-party-row',
    (d) => d.state === 'failed',
  );
  expect(rebound).toMatchObject({ attempts: 2, lastError: 'target-refused-address' });

  expect(receiver.received.map((r) => r.path)).toEqual(['/maps']);
  expect(names.asked.every((name) => name === 'processor.test')).toBe(true);
  expect(names.asked.length).toBeGreaterThanOrEqual(3);
  // Every connection the process attempted went to loopback, and the webhook ones to the
  // allow-listed address only: exactly one, the delivery.
  expect(dials.dials.filter((d) => !['127.0.0.1', '::1'].includes(d.address))).toEqual([]);
  expect(dials.dials.filter((d) => String(d.port) === port)).toEqual([
    { address: '127.0.0.1', port: Number(port) },
  ]);
});

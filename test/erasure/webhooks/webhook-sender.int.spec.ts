import { createServer } from 'node:net';
import {
  MAX_RESPONSE_BYTES,
  sendWebhook,
  type WebhookRequest,
} from '../../../src/erasure/webhooks/delivery/webhook-sender';
import { WebhookReceiver } from './support/webhook-receiver';

/** The sender against a local processor: outcomes, never the body, never a redirect. */
describe('sendWebhook', () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());

  function request(path: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest {
    return {
      url: new URL(receiver.url(path)),
      address: { address: '127.0.0.1', family: 4 },
      headers: { 'webhook-id': 'msg_1' },
      body: '{"hello":"processor"}',
      connectTimeoutMs: 2000,
      responseTimeoutMs: 2000,
      ...overrides,
    };
  }

  it('posts the body with its headers and reports a 2xx as delivered', async () => {
    expect(await sendWebhook(request('/ok'))).toEqual({ kind: 'delivered', status: 200 });
    expect(receiver.at('/ok')).toEqual([
      expect.objectContaining({
        body: '{"hello":"processor"}',
        headers: expect.objectContaining({
          'webhook-id': 'msg_1',
          'content-type': 'application/json',
        }) as object,
      }),
    ]);
  });

  it('reports other statuses as failures without reading a large body', async () => {
    receiver.script('/error', { status: 500, body: 'x'.repeat(MAX_RESPONSE_BYTES * 64) });
    expect(await sendWebhook(request('/error'))).toEqual({ kind: 'http-status', status: 500 });
  });

  it('does not follow a redirect', async () => {
    receiver.script('/moved', { status: 302, headers: { location: '/elsewhere' } });
    expect(await sendWebhook(request('/moved'))).toEqual({ kind: 'redirect', status: 302 });
    expect(receiver.at('/elsewhere')).toEqual([]);
  });

  it('gives up on a processor that does not answer in time', async () => {
    receiver.script('/slow', 'hang');
    expect(await sendWebhook(request('/slow', { responseTimeoutMs: 200 }))).toEqual({
      kind: 'response-timeout',
    });
  });

  it('connects to the pinned address, whatever the host name says', async () => {
    const url = new URL(receiver.url('/pinned'));
    url.hostname = 'pinned.invalid';
    expect(await sendWebhook(request('/pinned', { url }))).toMatchObject({ kind: 'delivered' });
    expect(receiver.at('/pinned')[0]?.headers.host).toBe(`pinned.invalid:${url.port}`);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = new URL(`http://127.0.0.1:${port}/gone`);
    expect(await sendWebhook(request('/gone', { url }))).toEqual({ kind: 'connect-error' });
  });
});

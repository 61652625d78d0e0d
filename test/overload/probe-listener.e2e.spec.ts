import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/config/load-config';
import { listenForProbes } from '../../src/overload/probe-listener';
import { eventually, startGatedApp } from './support/overload-harness';

/** PROBE_PORT: a second loopback port that serves the probes and /metrics, nothing else. */
describe('probe port', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  let probes: string;

  beforeAll(async () => {
    ({ app, close } = await startGatedApp({ PROBE_PORT: '0' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = await listenForProbes(
      app,
      '127.0.0.1',
      loadConfig({ PROBE_PORT: '0' }).overload.server,
    );
    probes = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await close?.();
  });

  it('answers /health, /ready and /metrics as the main port does', async () => {
    const health = await fetch(`${probes}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    await eventually(async () => (await fetch(`${probes}/ready`)).status === 200);
    const metrics = await fetch(`${probes}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('http_requests_in_flight');
  });

  it('serves nothing else: the API, other methods and unknown paths are 404 problems', async () => {
    for (const [method, path] of [
      ['GET', '/v1/policies/current'],
      ['POST', '/health'],
      ['GET', '/test/slow'],
      ['GET', '/nothing-here?q=x'],
    ] as const) {
      const response = await fetch(`${probes}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        type: 'https://consent-ledger.dev/problems/route-not-found',
        status: 404,
        instance: path.split('?')[0],
      });
    }
  });

  it('closes with the application', async () => {
    await close();
    await expect(fetch(`${probes}/health`)).rejects.toThrow();
  });
});

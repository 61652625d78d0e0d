import { Worker } from 'node:worker_threads';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/config/load-config';
import { listenForProbes } from '../../src/overload/probe-listener';
import { eventually, startGatedApp } from './support/overload-harness';

/**
 * Fetches `url` from another thread after `delayMs`, so that it can ask while this thread
 * is busy. Resolves with the status and when the answer came.
 */
function fetchFromAnotherThread(
  url: string,
  delayMs: number,
): Promise<{ status: number; answeredAt: number; body: string }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     setTimeout(async () => {
       const response = await fetch(workerData.url);
       parentPort.postMessage({ status: response.status, answeredAt: Date.now(), body: await response.text() });
     }, workerData.delayMs);`,
    { eval: true, workerData: { url, delayMs } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: { status: number; answeredAt: number; body: string }) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Keeps this thread's event loop from running for `ms`, as a saturated service would. */
function blockEventLoop(ms: number): number {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: no timer, no I/O callback, no heartbeat runs meanwhile
  }
  return Date.now();
}

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
      loadConfig({ PROBE_PORT: '0', PROBE_MAX_STALL_MS: '1000' }).overload.server,
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

  it('answers HEAD like GET, without a body', async () => {
    const response = await fetch(`${probes}/health`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers while the main event loop is busy, and says when it has stalled too long', async () => {
    await eventually(async () => (await fetch(`${probes}/ready`)).status === 200);
    // Asked 200 ms into a 2.5 s block, with a 1 s limit: alive, and answered mid-block.
    const early = fetchFromAnotherThread(`${probes}/health`, 200);
    // Asked 1.8 s into it: the main loop has not run for longer than the limit.
    const late = fetchFromAnotherThread(`${probes}/health`, 1800);
    const ready = fetchFromAnotherThread(`${probes}/ready`, 400);
    const unblockedAt = blockEventLoop(2500);
    const [earlyAnswer, lateAnswer, readyAnswer] = await Promise.all([early, late, ready]);
    expect(earlyAnswer).toMatchObject({ status: 200 });
    expect(earlyAnswer.answeredAt).toBeLessThan(unblockedAt);
    expect(readyAnswer).toMatchObject({ status: 200 });
    expect(readyAnswer.answeredAt).toBeLessThan(unblockedAt);
    expect(lateAnswer.status).toBe(503);
    expect(lateAnswer.answeredAt).toBeLessThan(unblockedAt);
    expect(JSON.parse(lateAnswer.body)).toMatchObject({
      type: 'https://consent-ledger.dev/problems/not-live',
      status: 503,
    });
    // Once the loop runs again, so does liveness.
    await eventually(async () => (await fetch(`${probes}/health`)).status === 200);
  });

  it('closes with the application', async () => {
    await close();
    await expect(fetch(`${probes}/health`)).rejects.toThrow();
  });
});

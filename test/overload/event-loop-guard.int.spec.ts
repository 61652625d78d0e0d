import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { loadConfig } from '../../src/config/load-config';
import { installLoadShedding } from '../../src/overload/install-load-shedding';
import { eventually } from './support/overload-harness';

/** Keeps the event loop busy, as a long synchronous task would. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/**
 * The event-loop guard on a bare Fastify instance: after the loop was blocked far longer than
 * the threshold, new requests are shed (probes are not) until a calm window passes.
 */
describe('event-loop guard', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    const settings = loadConfig({
      LOAD_SHEDDING_EVENT_LOOP_DELAY_MS: '100',
      LOAD_SHEDDING_EVENT_LOOP_WINDOW_MS: '50',
    }).overload.shedding;
    fastify = Fastify();
    installLoadShedding(fastify, settings, new Registry());
    fastify.post('/v1/subjects', () => ({ ok: true }));
    fastify.get('/health', () => ({ status: 'ok' }));
    await fastify.ready();
  });

  afterAll(async () => {
    await fastify.close();
  });

  const command = () => fastify.inject({ method: 'POST', url: '/v1/subjects', payload: {} });

  it('sheds new requests while the loop is saturated, never the probes, and recovers', async () => {
    expect((await command()).statusCode).toBe(200);
    blockEventLoop(1000);

    // A probe and a command sent together: the command is shed, the probe is answered.
    let [probe, shed] = await Promise.all([fastify.inject('/health'), command()]);
    while (shed.statusCode !== 503) {
      [probe, shed] = await Promise.all([fastify.inject('/health'), command()]);
    }
    expect(probe.statusCode).toBe(200);
    expect(shed.headers['retry-after']).toBe('1');
    expect(shed.json<{ detail: string }>().detail).toContain('is saturated');

    await eventually(async () => (await command()).statusCode === 200);
  });
});

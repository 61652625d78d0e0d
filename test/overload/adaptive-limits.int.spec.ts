import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { loadConfig } from '../../src/config/load-config';
import { installLoadShedding } from '../../src/overload/install-load-shedding';
import { Gate } from './support/gated-routes';
import { eventually, expectShed } from './support/overload-harness';

/** Keeps the event loop busy, as a long synchronous task would. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/**
 * The adaptive limits on a bare Fastify instance: while the event loop runs late, each
 * class's limit sinks to its floor (an eighth of its ceiling) and the excess is shed; once
 * the loop is timely again the limit climbs back to its ceiling.
 */
describe('adaptive concurrency limits', () => {
  let fastify: FastifyInstance;
  const registry = new Registry();
  let gate = new Gate();

  beforeAll(async () => {
    const settings = loadConfig({
      LOAD_SHEDDING_COMMANDS_CONCURRENCY: '4',
      LOAD_SHEDDING_COMMANDS_QUEUE: '0',
      // Far above what a busy test machine causes by itself, far below the stalls made here.
      LOAD_SHEDDING_EVENT_LOOP_DELAY_MS: '400',
      LOAD_SHEDDING_EVENT_LOOP_WINDOW_MS: '100',
    }).overload.shedding;
    fastify = Fastify();
    installLoadShedding(fastify, settings, registry);
    fastify.post('/v1/subjects', async () => {
      await gate.pass('command');
      return { ok: true };
    });
    fastify.get('/health', () => ({ status: 'ok' }));
    await fastify.ready();
  });

  afterAll(async () => {
    gate.open();
    await fastify.close();
  });

  const commandLimit = async () => {
    const text = await registry.metrics();
    return Number(/^http_requests_concurrency_limit\{class="commands"\} (\d+)$/m.exec(text)?.[1]);
  };
  const command = () => fastify.inject({ method: 'POST', url: '/v1/subjects', payload: {} });

  it('lowers the limit while the loop is late, sheds the excess, and raises it back after', async () => {
    await eventually(async () => (await commandLimit()) === 4);

    const blocker = setInterval(() => blockEventLoop(600), 20);
    try {
      await eventually(async () => (await commandLimit()) === 1);
      gate = new Gate();
      const held = command();
      await gate.whenEntered(1);
      // One slot while the loop is late: the next command is shed, the probe is answered.
      const [probe, second] = await Promise.all([fastify.inject('/health'), command()]);
      expect(probe.statusCode).toBe(200);
      expectShed(second);
      gate.open();
      expect((await held).statusCode).toBe(200);
    } finally {
      clearInterval(blocker);
    }

    await eventually(async () => (await commandLimit()) === 4);
  });
});

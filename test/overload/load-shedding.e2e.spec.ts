import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { Gate, gates } from './support/gated-routes';
import {
  eventually,
  expectShed,
  inFlight,
  queued,
  sendRaw,
  shedCount,
  startGatedApp,
} from './support/overload-harness';

/**
 * Admission control (ADR 0024) with small limits and test routes held at a gate: what is
 * admitted, queued and shed is decided by counts, never by timing.
 */
describe('load shedding', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await startGatedApp({
      LOAD_SHEDDING_COMMANDS_CONCURRENCY: '2',
      LOAD_SHEDDING_COMMANDS_QUEUE: '2',
      // Long enough that nothing queued expires while a scenario looks at it.
      LOAD_SHEDDING_COMMANDS_QUEUE_TIMEOUT_MS: '60000',
      LOAD_SHEDDING_READS_CONCURRENCY: '1',
      LOAD_SHEDDING_READS_QUEUE: '1',
      LOAD_SHEDDING_READS_QUEUE_TIMEOUT_MS: '50',
    }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    // The projections catch up with the seeded policy after start; /ready is 200 from then on.
    await eventually(async () => (await app.inject('/ready')).statusCode === 200);
  });

  afterAll(async () => {
    gates.current.open();
    await close?.();
  });

  const command = (label: string) =>
    app.inject({
      method: 'POST',
      url: '/test/slow',
      headers: { 'x-test-label': label, 'content-type': 'application/json' },
      payload: '{}',
    });

  it('runs as many commands as allowed, queues as many as allowed, and sheds the rest at once', async () => {
    const gate = (gates.current = new Gate());
    const shedBefore = await shedCount(app, 'commands', 'queue_full');
    const finished: LightMyRequestResponse[] = [];
    const flood = Array.from({ length: 8 }, (_, i) =>
      command(`flood-${i}`).then((response) => {
        finished.push(response);
        return response;
      }),
    );

    await gate.whenEntered(2);
    // Six cannot run, two of them may wait: four are answered while two still run.
    await eventually(() => finished.length === 4);
    for (const response of finished) expectShed(response);
    expect(gate.entered).toHaveLength(2);
    expect(await inFlight(app, 'commands')).toBe(2);
    expect(await queued(app, 'commands')).toBe(2);
    expect((await shedCount(app, 'commands', 'queue_full')) - shedBefore).toBe(4);

    gate.open();
    const answers = await Promise.all(flood);
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(4);
    expect(answers.filter((r) => r.statusCode === 503)).toHaveLength(4);
    expect(gate.entered).toHaveLength(4);
    await eventually(async () => (await inFlight(app, 'commands')) === 0);
    expect(await queued(app, 'commands')).toBe(0);
  });

  it('keeps /health, /ready and /metrics answering, and other classes running, while commands are saturated', async () => {
    const gate = (gates.current = new Gate());
    const flood = Array.from({ length: 6 }, (_, i) => command(`saturate-${i}`));
    await gate.whenEntered(2);
    await eventually(async () => (await queued(app, 'commands')) === 2);

    expect((await app.inject('/health')).statusCode).toBe(200);
    expect((await app.inject('/ready')).statusCode).toBe(200);
    expect((await app.inject('/metrics')).statusCode).toBe(200);
    // Reads have their own budget.
    expect((await app.inject('/openapi.json')).statusCode).toBe(200);
    // Shed before the body is parsed and before authentication: neither the broken JSON nor
    // the missing credential is looked at.
    expectShed(
      await app.inject({
        method: 'POST',
        url: '/v1/subjects',
        headers: { 'content-type': 'application/json' },
        payload: '{"broken',
      }),
    );

    gate.open();
    const answers = await Promise.all(flood);
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(4);
    await eventually(async () => (await inFlight(app, 'commands')) === 0);
  });

  it('answers a request that waited past its queue deadline 503 without running it', async () => {
    const gate = (gates.current = new Gate());
    const expiredBefore = await shedCount(app, 'reads', 'queue_timeout');
    const running = app.inject({ url: '/test/slow', headers: { 'x-test-label': 'running' } });
    await gate.whenEntered(1);

    const waiting = await app.inject({ url: '/test/slow', headers: { 'x-test-label': 'waiting' } });
    expectShed(waiting);
    expect(waiting.json<{ detail: string }>().detail).toContain('no free slot in time');
    expect((await shedCount(app, 'reads', 'queue_timeout')) - expiredBefore).toBe(1);

    gate.open();
    expect((await running).statusCode).toBe(200);
    expect(gate.entered).toEqual(['running']);
  });

  it('frees the slots of requests whose clients went away, running or waiting', async () => {
    const gate = (gates.current = new Gate());
    const { port } = app.getHttpServer().address() as AddressInfo;
    const runningRequests = ['a1', 'a2'].map((label) => sendRaw(port, 'POST', '/test/slow', label));
    await gate.whenEntered(2);
    const waitingRequests = ['q1', 'q2'].map((label) => sendRaw(port, 'POST', '/test/slow', label));
    await eventually(async () => (await queued(app, 'commands')) === 2);

    for (const { request } of [...runningRequests, ...waitingRequests]) request.destroy();
    await eventually(
      async () => (await inFlight(app, 'commands')) === 0 && (await queued(app, 'commands')) === 0,
    );

    // The next request is admitted at once: the two that waited never run.
    const next = sendRaw(port, 'POST', '/test/slow', 'next');
    await gate.whenEntered(3);
    expect(gate.entered).toEqual(['a1', 'a2', 'next']);
    gate.open();
    expect((await next.answer).status).toBe(201);
  });

  it('frees the slots of requests that failed', async () => {
    gates.current = new Gate();
    gates.current.open();
    for (let i = 0; i < 5; i++) {
      const failed = await app.inject({
        method: 'POST',
        url: '/test/failing',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(failed.statusCode).toBe(500);
      expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await eventually(async () => (await inFlight(app, 'commands')) === 0);
    expect((await command('after-failures')).statusCode).toBe(201);
  });
});

describe('load shedding with a socket idle timeout', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await startGatedApp({
      LOAD_SHEDDING_COMMANDS_CONCURRENCY: '1',
      LOAD_SHEDDING_COMMANDS_QUEUE: '0',
      READ_YOUR_WRITES_TIMEOUT_MS: '100',
      HTTP_CONNECTION_TIMEOUT_MS: '300',
    }));
    await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    gates.current.open();
    await close?.();
  });

  it('frees the slot of a handler that hangs once its silent connection is closed', async () => {
    const gate = (gates.current = new Gate());
    const { port } = app.getHttpServer().address() as AddressInfo;
    const hung = sendRaw(port, 'POST', '/test/slow', 'hung');
    await gate.whenEntered(1);
    // The only slot is taken and nothing may wait: the next command is shed.
    expectShed(
      await app.inject({
        method: 'POST',
        url: '/test/slow',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      }),
    );

    await expect(hung.answer).rejects.toThrow();
    await eventually(async () => (await inFlight(app, 'commands')) === 0);
    const next = app.inject({
      method: 'POST',
      url: '/test/slow',
      headers: { 'x-test-label': 'next', 'content-type': 'application/json' },
      payload: '{}',
    });
    await gate.whenEntered(2);
    gate.open();
    expect((await next).statusCode).toBe(201);
  });
});

describe('load shedding in the logs', () => {
  const lines: Record<string, unknown>[] = [];
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  let app: NestFastifyApplication;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await startGatedApp(
      {
        LOG_LEVEL: 'info',
        LOAD_SHEDDING_COMMANDS_CONCURRENCY: '1',
        LOAD_SHEDDING_COMMANDS_QUEUE: '0',
      },
      logs,
    ));
  });

  afterAll(async () => {
    gates.current.open();
    await close?.();
  });

  it('says that it sheds in one line with counts, not in a line per shed request', async () => {
    const gate = (gates.current = new Gate());
    const send = (label: string) =>
      app.inject({
        method: 'POST',
        url: `/test/slow?who=${label}@example.com`,
        headers: { 'x-test-label': label, 'content-type': 'application/json' },
        payload: '{}',
      });
    const held = send('held');
    await gate.whenEntered(1);
    for (let i = 0; i < 5; i++) expectShed(await send(`shed-${i}`));
    gate.open();
    expect((await held).statusCode).toBe(201);

    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed.filter((l) => l.statusCode === 503)).toHaveLength(0);
    expect(completed.filter((l) => l.statusCode === 201)).toHaveLength(1);
    const shedding = lines.filter((l) => String(l.msg).startsWith('shedding load'));
    expect(shedding).toHaveLength(1);
    expect(shedding[0]).toMatchObject({ level: 'warn', shed: { 'commands/queue_full': 1 } });
    expect(JSON.stringify(lines)).not.toMatch(/example\.com|who=/);
  });
});

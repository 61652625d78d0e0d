import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { HttpAdapterHost } from '@nestjs/core';
import Fastify from 'fastify';
import { ConnectionDraining } from './connection-draining';
import { EDGE_SERVER_OPTIONS } from './http-edge';

/** Sends `request` on `socket` and resolves with what comes back until the server pauses. */
function exchange(socket: Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      received.push(chunk);
      const text = Buffer.concat(received).toString('utf8');
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (head >= 0 && length !== undefined && text.length >= head + 4 + Number(length)) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.write(request);
  });
}

describe('ConnectionDraining', () => {
  it('answers a request that arrives while the server closes with a 503 problem', async () => {
    const fastify = Fastify({ return503OnClosing: EDGE_SERVER_OPTIONS.return503OnClosing });
    new ConnectionDraining({
      httpAdapter: { getInstance: () => fastify },
    } as unknown as HttpAdapterHost).onModuleInit();
    fastify.get('/fast', () => ({ fast: true }));

    // A keep-alive client that sends its next request just as the server starts closing:
    // after Fastify marked itself closing, before the server drops idle connections.
    const client: { socket?: Socket } = {};
    let lateAnswer = '';
    fastify.addHook('preClose', async () => {
      lateAnswer = await exchange(client.socket!, 'GET /fast?q=1 HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    await fastify.listen({ host: '127.0.0.1', port: 0 });
    const socket = connect({
      host: '127.0.0.1',
      port: (fastify.server.address() as AddressInfo).port,
    });
    client.socket = socket;
    const first = await exchange(socket, 'GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    await fastify.close();
    socket.destroy();

    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(lateAnswer).toMatch(/^HTTP\/1\.1 503/);
    expect(lateAnswer).toMatch(/content-type: application\/problem\+json/i);
    expect(lateAnswer).toMatch(/retry-after: 1/i);
    expect(lateAnswer).toMatch(/connection: close/i);
    expect(JSON.parse(lateAnswer.slice(lateAnswer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      type: 'https://consent-ledger.dev/problems/service-unavailable',
      status: 503,
      instance: '/fast',
    });
  });
});

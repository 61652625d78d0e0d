import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { HttpServerBounds } from '../config/overload-settings';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { PROBLEM_TYPES } from '../http/problem-types';
import { PROBE_ROUTES } from './route-class';

/**
 * A second listening socket that serves only the probes and `/metrics`, through the same
 * Fastify routes. libuv accepts one connection per turn of the event loop: on a loaded
 * service every connection waiting to be accepted on the main port stands in front of a
 * probe that opens a new one (as the kubelet's do), and no admission control can reorder the
 * kernel's queue. On its own port a probe waits for at most its own queue (ADR 0024).
 *
 * Listens when `bounds.probePort` is set (0: any free port, for tests) and closes with the
 * application's HTTP server. Resolves with the port it listens on, or undefined when off.
 */
export async function listenForProbes(
  app: NestFastifyApplication,
  host: string,
  bounds: HttpServerBounds,
): Promise<number | undefined> {
  if (bounds.probePort === undefined) return undefined;
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const server = createServer((request, response) => {
    if (isProbe(request)) fastify.routing(request, response);
    else notFound(request, response);
  });
  server.requestTimeout = bounds.requestTimeoutMs;
  server.keepAliveTimeout = bounds.keepAliveTimeoutMs;
  server.setTimeout(bounds.connectionTimeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: bounds.probePort }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  closeWith(app.getHttpServer(), server);
  const { port } = server.address() as AddressInfo;
  fastify.log.info(
    { host, port },
    'probes (/health, /ready, /metrics) also listening on their own port',
  );
  return port;
}

function isProbe(request: IncomingMessage): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') && PROBE_ROUTES.has(pathOf(request))
  );
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Anything but a probe: the main port's 404 problem, saying what this port serves. */
function notFound(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  const body = JSON.stringify({
    type: PROBLEM_TYPES.routeNotFound,
    title: 'No such endpoint',
    status: 404,
    detail: 'This port serves only GET /health, /ready and /metrics.',
    instance: pathOf(request),
  });
  response.writeHead(404, {
    'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Probes go on answering while the main server drains, and stop when it has closed. */
function closeWith(main: Server, probes: Server): void {
  main.once('close', () => {
    probes.close();
    probes.closeAllConnections();
  });
}

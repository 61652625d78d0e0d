import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

// Safe to log and to echo: no spaces, quotes or control characters that could forge log lines.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Fastify's `genReqId`: keeps the caller's `X-Request-Id` when it is a sane token, so a
 * request can be followed across services, and otherwise makes a fresh UUID.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** `onRequest` hook: every response, errors and 404s included, tells the caller its id. */
export function echoRequestId(
  request: FastifyRequest,
  reply: FastifyReply,
  done: () => void,
): void {
  void reply.header(REQUEST_ID_HEADER, request.id);
  done();
}

// Answers written on the raw socket, for what never becomes a Fastify request.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from '../logging';
import { type Problem, PROBLEM_CONTENT_TYPE_HEADER, problemDocument } from './problem';
import { PROBLEM_TYPES } from './problem-types';

/** What Node's HTTP parser hands the `clientError` event. */
interface ClientError extends Error {
  readonly code?: string;
}

/** The socket of a connection, with the response Node may be writing on it. */
interface ConnectionSocket extends Socket {
  readonly _httpMessage?: { readonly headersSent?: boolean } | null;
}

/**
 * Fastify's `clientErrorHandler` (Node's `clientError` event): a request Node's HTTP parser
 * cannot read at all (a malformed request line or header, headers over the size limit, a
 * request that timed out) never becomes a request object, so no route, hook or filter sees
 * it. It is answered here on the raw socket with problem+json, and the connection closed.
 *
 * The log line holds the parser's error code only: the error's `rawPacket` is the request's
 * own bytes, URL and headers included.
 */
export function answerClientError(this: FastifyInstance, error: ClientError, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = clientErrorProblem(error.code);
  const requestId = randomUUID();
  this.log.info(
    { reqId: requestId, code: error.code, statusCode: problem.status },
    'unreadable HTTP request refused',
  );
  // As Node does: never write into a response that has already started on this socket.
  const inFlight = (socket as ConnectionSocket)._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  writeProblemAndClose(socket, problem, requestId);
}

/**
 * Node's `connect` event: a CONNECT request asks the server to be a proxy. Without a
 * listener Node drops the connection unanswered; the service is no proxy and says so.
 */
export function answerConnect(this: FastifyInstance, _request: unknown, socket: Socket): void {
  const requestId = randomUUID();
  this.log.info({ reqId: requestId, method: 'CONNECT', statusCode: 405 }, 'CONNECT refused');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  writeProblemAndClose(
    socket,
    {
      type: PROBLEM_TYPES.methodNotAllowed,
      title: 'Method not allowed',
      status: 405,
      detail: 'This service is not a proxy: CONNECT is not supported.',
    },
    requestId,
  );
}

/** Writes a whole problem+json response on the raw socket, then closes it. */
function writeProblemAndClose(socket: Socket, problem: Problem, requestId: string): void {
  socket.end(rawResponse(problem, requestId), () => socket.destroy());
}

function rawResponse(problem: Problem, requestId: string): string {
  const body = JSON.stringify(problemDocument(problem, undefined));
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE_HEADER}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `${REQUEST_ID_HEADER}: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function clientErrorProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        type: PROBLEM_TYPES.headersTooLarge,
        title: 'Request header fields too large',
        status: 431,
        detail:
          'The request line and headers together are larger than the server accepts. Send fewer or shorter headers, and a shorter URL.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        type: PROBLEM_TYPES.requestTimeout,
        title: 'Request timeout',
        status: 408,
        detail: 'The request was not received in time. Send it again.',
      };
    default:
      return {
        type: PROBLEM_TYPES.malformedRequest,
        title: 'Malformed HTTP request',
        status: 400,
        detail: 'The request is not valid HTTP/1.1 and could not be read.',
      };
  }
}

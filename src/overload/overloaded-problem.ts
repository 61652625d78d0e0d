import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../http';
import { requestPathOf } from '../logging';
import type { ShedReason } from './concurrency-limiter';
import type { SheddableRouteClass } from './route-class';

const WHY: Record<ShedReason, string> = {
  queue_full: 'is at capacity',
  queue_timeout: 'had no free slot in time',
};

/**
 * Answers a shed request from the `onRequest` hook: RFC 9457 problem+json, 503, with
 * `Retry-After`. Nothing ran, so retrying (with the same Idempotency-Key for a command) is
 * always safe. Built here rather than by the exception filter because the request is
 * answered before Nest sees it.
 */
export function sendOverloaded(
  request: FastifyRequest,
  reply: FastifyReply,
  routeClass: SheddableRouteClass,
  reason: ShedReason,
  retryAfterSeconds: number,
): void {
  const body = {
    type: PROBLEM_TYPES.serviceUnavailable,
    title: 'Service overloaded',
    status: 503,
    detail: `The service ${WHY[reason]} for ${routeClass} and did not run this request. Retry after ${retryAfterSeconds} s.`,
    instance: requestPathOf(request),
  };
  void reply
    .code(503)
    .header('retry-after', String(retryAfterSeconds))
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(body));
}

import type { FastifyRequest } from 'fastify';

/** Label for requests that matched no route, so metrics and logs never carry a raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route as declared (`/consents/:id`), never the URL as requested: paths and query
 * strings may carry personal data, and raw URLs would explode metric cardinality.
 */
export function routeTemplateOf(request: FastifyRequest): string {
  return request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
}

/** The request path without its query string, as RFC 9457 `instance`. */
export function requestPathOf(request: FastifyRequest): string {
  const url = request.raw.url ?? request.url;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

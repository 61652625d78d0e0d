/**
 * Every route belongs to one class, and each class has its own budget of requests in flight,
 * so a flood of one kind of request cannot take the capacity another kind needs.
 */
export const SHEDDABLE_ROUTE_CLASSES = ['commands', 'reads', 'exports'] as const;
export type SheddableRouteClass = (typeof SHEDDABLE_ROUTE_CLASSES)[number];

/**
 * Probes are never shed and never wait: an orchestrator must see the process live under any load.
 * Streams (Server-Sent Events) stay open for hours: counted as reads, a few dozen followers
 * would hold every read slot. They have their own bound (FEED_MAX_STREAMS) and a bounded
 * buffer each (ADR 0039).
 */
type RouteClass = SheddableRouteClass | 'probes' | 'streams';

/** Orchestrator probes and the Prometheus scrape. */
const PROBE_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** Long-lived event streams. */
const STREAM_ROUTES: ReadonlySet<string> = new Set(['/v1/feed']);

/** Exports assemble up to EXPORT_MAX_EVENTS events with proofs: one costs as much as thousands of checks. */
const EXPORT_ROUTES = new Set(['/v1/audit/exports']);

/** POST routes that only read: a check answers from the read model and records nothing. */
const READS_BY_POST = new Set(['/v1/checks', '/v1/checks/batch', '/v1/subjects/lookup']);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The class of a request, from its method and the route template it matched (`undefined`
 * when it matched none: those are answered 404 and count as reads). Decided before the body
 * is read, so it can never depend on the body.
 */
export function routeClassOf(method: string, routeTemplate: string | undefined): RouteClass {
  if (routeTemplate === undefined) return 'reads';
  if (PROBE_ROUTES.has(routeTemplate)) return 'probes';
  if (STREAM_ROUTES.has(routeTemplate)) return 'streams';
  if (EXPORT_ROUTES.has(routeTemplate)) return 'exports';
  if (READ_METHODS.has(method) || READS_BY_POST.has(routeTemplate)) return 'reads';
  return 'commands';
}

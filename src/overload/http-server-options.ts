import type { HttpServerBounds } from '../config';

/**
 * Fastify's server options for the bounds (ADR 0024). Fastify leaves `requestTimeout` off by
 * default, so a client trickling a request byte by byte would hold its connection and memory
 * for ever; `connectionTimeout` closes a socket that stayed silent longer than any handler
 * may legitimately take, which also frees the route-class slot of a handler that hung.
 */
export function httpServerOptions(bounds: HttpServerBounds): {
  requestTimeout: number;
  connectionTimeout: number;
  keepAliveTimeout: number;
  maxRequestsPerSocket: number;
} {
  return {
    requestTimeout: bounds.requestTimeoutMs,
    connectionTimeout: bounds.connectionTimeoutMs,
    keepAliveTimeout: bounds.keepAliveTimeoutMs,
    maxRequestsPerSocket: bounds.maxRequestsPerSocket,
  };
}

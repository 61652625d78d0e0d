import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { LoadSheddingSettings } from '../config';
import { ConcurrencyLimiter, type Permit, type ShedReason } from './concurrency-limiter';
import { nextLimit } from './adaptive-limit';
import { EventLoopDelay } from './event-loop-delay';
import { LoadSheddingMetrics } from './load-shedding-metrics';
import { sendOverloaded } from './overloaded-problem';
import { routeClassOf, SHEDDABLE_ROUTE_CLASSES, type SheddableRouteClass } from './route-class';
import { ShedLog } from './shed-log';

const VERBOSE_LEVELS = new Set(['info', 'debug', 'trace']);

/**
 * Puts admission control in front of every route but the probes (ADR 0024). The decision is
 * made in an `onRequest` hook, before the body is read, authentication runs or Nest sees the
 * request, so a shed request costs little more than parsing its headers. Call it before the
 * application's other `onRequest` hooks are added, so they run only for admitted requests.
 */
export function installLoadShedding(
  fastify: FastifyInstance,
  settings: LoadSheddingSettings,
  registry: Registry,
): void {
  if (!settings.enabled) return;
  const limiters = new Map<SheddableRouteClass, ConcurrencyLimiter>(
    SHEDDABLE_ROUTE_CLASSES.map((routeClass) => [
      routeClass,
      new ConcurrencyLimiter(settings[routeClass]),
    ]),
  );
  // With a target delay, every class's limit follows the event loop's lateness (ADR 0024).
  const target = settings.eventLoopDelayMs;
  const loopDelay =
    target > 0
      ? new EventLoopDelay(settings.eventLoopWindowMs, (delayMs) => {
          for (const limiter of limiters.values()) {
            limiter.setLimit(nextLimit(limiter.limit, limiter.limits.maxInFlight, delayMs, target));
          }
        })
      : undefined;
  const metrics = new LoadSheddingMetrics(registry, limiters, loopDelay);
  const shedLog = new ShedLog(fastify.log);

  const shed = (
    request: FastifyRequest,
    reply: FastifyReply,
    routeClass: SheddableRouteClass,
    reason: ShedReason,
  ): void => {
    metrics.countShed(routeClass, reason);
    shedLog.record(routeClass, reason);
    // No "request completed" line per shed request: under overload that line would cost more
    // than the answer itself. ShedLog says how many were shed, the metrics count each one.
    if (VERBOSE_LEVELS.has(request.log.level)) request.log.level = 'warn';
    sendOverloaded(request, reply, routeClass, reason, settings.retryAfterSeconds);
  };

  fastify.addHook('onReady', (done) => {
    loopDelay?.start();
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    loopDelay?.stop();
    done();
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    const routeClass = routeClassOf(
      request.method,
      request.is404 ? undefined : request.routeOptions.url,
    );
    if (routeClass === 'probes' || routeClass === 'streams') {
      done();
      return;
    }
    const permit = limiters.get(routeClass)!.acquire();
    if (permit.state === 'shed') {
      shed(request, reply, routeClass, 'queue_full');
      return;
    }
    // Every way a request ends (answered, failed, timed out, or the client gone, running or
    // waiting) closes its response, and `release()` counts only once: no slot can leak.
    reply.raw.once('close', () => permit.release());
    if (permit.state === 'admitted') {
      runUnlessAbandoned(request, reply, permit, done);
      return;
    }
    permit.whenSettled((settled) => {
      metrics.observeWait(routeClass, settled.waitedMs);
      if (settled.state === 'admitted') runUnlessAbandoned(request, reply, permit, done);
      else shed(request, reply, routeClass, 'queue_timeout');
    });
  });
}

/**
 * Runs an admitted request, unless its client is already gone: a connection can be closed
 * before its `close` event is delivered (several clients leaving at once free slots for each
 * other), and a request nobody waits for must not take a slot or run.
 */
function runUnlessAbandoned(
  request: FastifyRequest,
  reply: FastifyReply,
  permit: Permit,
  done: () => void,
): void {
  if (reply.raw.destroyed || request.raw.socket?.destroyed === true) permit.release();
  else done();
}

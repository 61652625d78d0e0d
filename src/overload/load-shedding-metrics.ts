import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ConcurrencyLimiter, ShedReason } from './concurrency-limiter';
import type { EventLoopDelay } from './event-loop-delay';
import type { SheddableRouteClass } from './route-class';

const REQUESTS_SHED = 'http_requests_shed_total';
const REQUESTS_IN_FLIGHT = 'http_requests_in_flight';
const REQUESTS_QUEUED = 'http_requests_queued';
const QUEUE_WAIT = 'http_request_queue_wait_seconds';
const CONCURRENCY_LIMIT = 'http_requests_concurrency_limit';
const EVENT_LOOP_DELAY = 'http_load_shedding_event_loop_delay_seconds';

/**
 * What an operator needs to see shedding happen and to tune the limits: answers shed per
 * route class and reason, the requests in flight and waiting and the limit in force (read when
 * scraped, so counting costs nothing per request), how long requests waited for a slot, and
 * the event-loop delay the limits follow. Labelled by route class only: never a URL or a
 * credential.
 */
export class LoadSheddingMetrics {
  private readonly shed: Counter<'class' | 'reason'>;
  private readonly queueWait: Histogram<'class'>;

  constructor(
    registry: Registry,
    limiters: ReadonlyMap<SheddableRouteClass, ConcurrencyLimiter>,
    loopDelay: EventLoopDelay | undefined,
  ) {
    this.shed = new Counter({
      name: REQUESTS_SHED,
      help: 'Requests answered 503 without running, by route class and reason (queue_full, queue_timeout).',
      labelNames: ['class', 'reason'],
      registers: [registry],
    });
    new Gauge({
      name: REQUESTS_IN_FLIGHT,
      help: 'Requests running now, by route class (probes are not counted).',
      labelNames: ['class'],
      registers: [registry],
      collect() {
        for (const [routeClass, limiter] of limiters)
          this.set({ class: routeClass }, limiter.inFlight);
      },
    });
    new Gauge({
      name: REQUESTS_QUEUED,
      help: 'Requests waiting for a slot now, by route class.',
      labelNames: ['class'],
      registers: [registry],
      collect() {
        for (const [routeClass, limiter] of limiters)
          this.set({ class: routeClass }, limiter.queued);
      },
    });
    this.queueWait = new Histogram({
      name: QUEUE_WAIT,
      help: 'Time requests that had to wait spent waiting for a slot, admitted or shed, by route class.',
      labelNames: ['class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    new Gauge({
      name: CONCURRENCY_LIMIT,
      help: 'Requests each route class may run at once now: its configured ceiling, lowered while the event loop runs late.',
      labelNames: ['class'],
      registers: [registry],
      collect() {
        for (const [routeClass, limiter] of limiters)
          this.set({ class: routeClass }, limiter.limit);
      },
    });
    if (loopDelay !== undefined) {
      new Gauge({
        name: EVENT_LOOP_DELAY,
        help: 'Lateness of the event loop over the last window, as a request arriving at a random moment would meet it, in seconds.',
        registers: [registry],
        collect() {
          this.set(loopDelay.delayMs / 1000);
        },
      });
    }
  }

  countShed(routeClass: SheddableRouteClass, reason: ShedReason): void {
    this.shed.inc({ class: routeClass, reason });
  }

  observeWait(routeClass: SheddableRouteClass, waitedMs: number): void {
    this.queueWait.observe({ class: routeClass }, waitedMs / 1000);
  }
}

import type { FastifyBaseLogger } from 'fastify';
import type { ShedReason } from './concurrency-limiter';
import type { SheddableRouteClass } from './route-class';

const EVERY_MS = 10_000;

/**
 * Says that the service is shedding, without a log line per shed request: under overload that
 * would add work exactly when there is least room for it. The first shed request is logged at
 * once; after that one line per ten seconds at most, with the counts since the last line.
 * Route classes and reasons only: never a URL, a body or a credential.
 */
export class ShedLog {
  private readonly counts = new Map<string, number>();
  private lastLoggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  record(routeClass: SheddableRouteClass, reason: ShedReason): void {
    const key = `${routeClass}/${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const now = this.now();
    if (now - this.lastLoggedAt < EVERY_MS) return;
    const since = Number.isFinite(this.lastLoggedAt) ? now - this.lastLoggedAt : 0;
    this.lastLoggedAt = now;
    this.log.warn(
      { shed: Object.fromEntries(this.counts), sinceMs: since },
      'shedding load: requests answered 503 without running',
    );
    this.counts.clear();
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { CLOCK, type Clock } from '../../shared/time/clock';
import { toIso, toMillis } from '../../shared/time/instant';
import type { ReadStore } from '../../read-store/read-store.port';
import { READ_STORE } from '../../read-store';
import { ERASURE_REQUESTS } from '../read-model/erasure-requests.projection';
import { ErasureRequestsTable, type OpenErasureStats } from '../read-model/erasure-requests.table';

const ERASURE_REQUESTS_OPEN = 'erasure_requests_open';
const ERASURE_REQUESTS_OVERDUE = 'erasure_requests_overdue';
const ERASURE_OLDEST_OPEN_DEADLINE = 'erasure_oldest_open_deadline_seconds';

/** One scrape reads the read model once, for all three gauges. */
const SNAPSHOT_TTL_MS = 1000;

/**
 * Art. 12(3) deadlines as metrics, computed at scrape time from the `erasure_requests` read
 * model and the clock (so "overdue" is true when scraped, not when the last event arrived).
 * Labelled by tenant only: nothing about a subject ever becomes a label.
 */
@Injectable()
export class ErasureMetrics {
  private readonly logger = new Logger(ErasureMetrics.name);
  private readonly table = new ErasureRequestsTable(ERASURE_REQUESTS);
  private snapshot:
    { readonly at: number; readonly stats: Promise<OpenErasureStats[]> } | undefined;

  constructor(
    registry: Registry,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const gauge = (name: string, help: string, value: (stats: OpenErasureStats) => number) => {
      const load = () => this.stats();
      return new Gauge({
        name,
        help,
        labelNames: ['tenant'],
        registers: [registry],
        async collect() {
          this.reset();
          for (const stats of await load()) this.set({ tenant: stats.tenantId }, value(stats));
        },
      });
    };
    gauge(ERASURE_REQUESTS_OPEN, 'Erasure requests not completed yet, per tenant.', (s) => s.open);
    gauge(
      ERASURE_REQUESTS_OVERDUE,
      'Erasure requests not completed by their deadline (GDPR Art. 12(3)), per tenant.',
      (s) => s.overdue,
    );
    gauge(
      ERASURE_OLDEST_OPEN_DEADLINE,
      'Unix time in seconds of the earliest deadline among open erasure requests, per tenant; absent when none is open. Compare with time().',
      (s) => toMillis(s.earliestDeadline) / 1000,
    );
  }

  private stats(): Promise<OpenErasureStats[]> {
    // Elapsed time, not the clock: an injected clock may stand still.
    const at = performance.now();
    if (!this.snapshot || at - this.snapshot.at > SNAPSHOT_TTL_MS) {
      this.snapshot = { at, stats: this.load(this.clock.now()) };
    }
    return this.snapshot.stats;
  }

  /** A read model not set up yet (or unreachable) leaves the gauges empty, not /metrics broken. */
  private async load(now: number): Promise<OpenErasureStats[]> {
    try {
      return await this.table.openStats(this.readStore, toIso(now));
    } catch (error) {
      this.logger.warn({
        msg: 'erasure metrics could not read the erasure_requests read model',
        err: error,
      });
      return [];
    }
  }
}

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ProjectionStatus } from './projection-status';

/** What the metrics read from the projector at scrape time. */
interface MeasuredProjections {
  /** The lag of each projection: the projector's latest background measurement while it runs. */
  freshness(): Promise<ProjectionStatus[]>;
  states(): readonly { readonly name: string; readonly state: string }[];
}

/** One scrape asks several gauges; they share one measurement made within this window. */
const SCRAPE_WINDOW_MS = 1000;

/**
 * Seconds; a batch is sized to take about 0.25 s (docs/adr/0023), so the buckets are dense
 * around it and reach far enough to show one that does not.
 */
const BATCH_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics per projection. The only label is the projection's name, which is
 * code, never data. The lag gauges read the projector's background measurement (at most
 * a second or so old), so a scrape queries no store.
 */
export class ProjectorMetrics {
  private readonly applied: Counter<'projection'>;
  private readonly batches: Histogram<'projection'>;
  private measured: { readonly at: number; readonly statuses: Promise<ProjectionStatus[]> } = {
    at: -Infinity,
    statuses: Promise.resolve([]),
  };

  constructor(registry: Registry, source: MeasuredProjections) {
    const registers = [registry];
    const labelNames = ['projection'] as const;
    const measure = (): Promise<ProjectionStatus[]> => this.measure(source);

    new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the global feed that the projection has not applied yet.',
      labelNames,
      registers,
      async collect() {
        for (const s of await measure()) this.set({ projection: s.name }, s.lagEvents);
      },
    });
    new Gauge({
      name: 'projection_lag_seconds',
      help: 'Age of the oldest event the projection has not applied yet; 0 when caught up.',
      labelNames,
      registers,
      async collect() {
        for (const s of await measure()) this.set({ projection: s.name }, s.lagSeconds);
      },
    });
    new Gauge({
      name: 'projection_position',
      help: 'Global position of the last event the projection applied.',
      labelNames,
      registers,
      async collect() {
        for (const s of await measure()) this.set({ projection: s.name }, Number(s.position));
      },
    });
    new Gauge({
      name: 'projection_failed',
      help: '1 while the projection is stopped because applying an event failed.',
      labelNames,
      registers,
      collect() {
        for (const s of source.states())
          this.set({ projection: s.name }, s.state === 'failed' ? 1 : 0);
      },
    });
    this.applied = new Counter({
      name: 'projection_events_applied_total',
      help: 'Events applied and committed by the projection in this process.',
      labelNames,
      registers,
    });
    this.batches = new Histogram({
      name: 'projection_batch_seconds',
      help:
        'Time per committed batch, from reading its events to the commit. Events applied over ' +
        'the sum is what the projection can apply per second of work; the sum per second is how busy it is.',
      labelNames,
      registers,
      buckets: BATCH_SECONDS_BUCKETS,
    });
    for (const { name } of source.states()) {
      this.applied.inc({ projection: name }, 0);
      this.batches.zero({ projection: name });
    }
  }

  countApplied(projection: string, events: number): void {
    this.applied.inc({ projection }, events);
  }

  observeBatch(projection: string, ms: number): void {
    this.batches.observe({ projection }, ms / 1000);
  }

  private measure(source: MeasuredProjections): Promise<ProjectionStatus[]> {
    const now = Date.now();
    if (now - this.measured.at > SCRAPE_WINDOW_MS) {
      // A scrape while the event store is down reports what the gauges last held.
      this.measured = { at: now, statuses: source.freshness().catch(() => []) };
    }
    return this.measured.statuses;
  }
}

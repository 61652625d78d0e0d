import { Counter, Gauge, type Registry } from 'prom-client';
import type { ProjectionStatus } from './projection-status';

/** What the metrics read from the projector at scrape time. */
export interface MeasuredProjections {
  statuses(): Promise<ProjectionStatus[]>;
  states(): readonly { readonly name: string; readonly state: string }[];
}

/** One scrape asks several gauges; they share one measurement made within this window. */
const SCRAPE_WINDOW_MS = 1000;

/**
 * Prometheus metrics per projection. The only label is the projection's name, which is
 * code, never data. Gauges are measured when scraped, so they are never stale.
 */
export class ProjectorMetrics {
  private readonly applied: Counter<'projection'>;
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
    for (const { name } of source.states()) this.applied.inc({ projection: name }, 0);
  }

  countApplied(projection: string, events: number): void {
    this.applied.inc({ projection }, events);
  }

  private measure(source: MeasuredProjections): Promise<ProjectionStatus[]> {
    const now = Date.now();
    if (now - this.measured.at > SCRAPE_WINDOW_MS) {
      // A scrape while the event store is down reports what the gauges last held.
      this.measured = { at: now, statuses: source.statuses().catch(() => []) };
    }
    return this.measured.statuses;
  }
}

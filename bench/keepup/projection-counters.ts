export interface ProjectionCounter {
  readonly applied: number;
  readonly batchSeconds: number;
  readonly batches: number;
}

export type ProjectionCounters = Map<string, ProjectionCounter>;

const SAMPLE =
  /^(projection_events_applied_total|projection_batch_seconds_sum|projection_batch_seconds_count)\{projection="([a-z0-9_]+)"\} ([0-9.e+-]+)$/;

/** Each projection's applied-events counter and batch-time sum and count, from `/metrics`. */
export function readProjectionCounters(metrics: string): ProjectionCounters {
  const counters: ProjectionCounters = new Map();
  for (const line of metrics.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, metric, name, value] = match;
    const counter = counters.get(name!) ?? { applied: 0, batchSeconds: 0, batches: 0 };
    const number = Number(value);
    counters.set(name!, {
      applied: metric === 'projection_events_applied_total' ? number : counter.applied,
      batchSeconds: metric === 'projection_batch_seconds_sum' ? number : counter.batchSeconds,
      batches: metric === 'projection_batch_seconds_count' ? number : counter.batches,
    });
  }
  return counters;
}

import type { FeedLoadOutput } from './feed-load';

/** Headline lines of the feed scenario: delivery rate and lag per number of consumers. */
export function feedHeadline(result: { runs?: FeedLoadOutput[] }): string[] {
  return (result.runs ?? []).map(
    (run) =>
      `feed: ${run.consumers} consumer(s): ${run.deliveredPerSecond} changes/s delivered, lag p50 ${run.lagP50Ms} ms, p99 ${run.lagP99Ms} ms`,
  );
}

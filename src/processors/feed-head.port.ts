/**
 * The head of a tenant's permission-change feed: the highest position a processor can have
 * been served, so the highest it may acknowledge (ADR 0042). A port, so the acknowledgements
 * do not depend on how the feed is built.
 */
export interface FeedHead {
  headPosition(tenantId: string): Promise<number>;
}

/** Nest injection token for the `FeedHead` the processors module uses. */
export const FEED_HEAD = Symbol('FeedHead');

/**
 * The public face of src/feed: what other modules may import. Everything else in this folder
 * is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { FeedModule } from './feed.module';
export { FeedReader } from './feed-reader';
export { FEED } from './projection/feed.projection';
export type { FeedChange } from './projection/feed-change-row';
export type { ClosingChangeRange } from './projection/feed-changes.table';
export type { TenantHead } from './projection/feed-heads.table';

/**
 * The public face of src/processors: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { FEED_HEAD } from './feed-head.port';
export type { FeedHead } from './feed-head.port';
export { ProcessorsModule } from './processors.module';

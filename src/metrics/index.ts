/**
 * The public face of src/metrics: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { MetricsModule } from './metrics.module';

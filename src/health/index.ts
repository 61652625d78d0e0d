/**
 * The public face of src/health: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { HealthController } from './health.controller';
export { HealthModule } from './health.module';
export { readinessAnswer } from './readiness-answer';
export type { PlainAnswer } from './readiness-answer';
export { READY_STALE_AFTER_MS } from './readiness.health';

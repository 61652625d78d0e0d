/**
 * The public face of src/idempotency: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { requireIdempotencyKey } from './idempotency-key';
export { IdempotencyModule } from './idempotency.module';
export { Idempotent } from './idempotent.decorator';
export { answerAs } from './replay-signal';

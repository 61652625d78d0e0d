/**
 * The public face of src/projections: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { consistencyTokenOf } from './consistency/consistency-token';
export { ReadYourWrites } from './consistency/read-your-writes';
export { insertRows } from './insert-rows';
export { PROJECTION_STATUS } from './projection-status';
export type { ProjectionStatusSource } from './projection-status';
export { UnknownProjectionError } from './projection.errors';
export type { BulkBuild, Projection } from './projection';
export { ProjectionsModule } from './projections.module';
export { PROJECTIONS } from './projections.token';
export { ProjectorHost } from './projector-host';
export { SERVING_STATUS } from './serving-status';
export type { ServingStatus, ServingStatusSource } from './serving-status';

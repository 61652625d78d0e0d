/**
 * The public face of src/read-side: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { FLOW_WINDOWS } from './projections/flow-windows.projection';
export { ProjectedFlowWindows } from './queries/get-flow-windows/projected-flow-windows';
export { ReadSideModule } from './read-side.module';
export { PolicyVersionsTable } from './projections/policy-versions.table';
export { SubjectFactsTable } from './projections/subject-facts.table';
export { ClosingAcknowledgementsQuery } from './queries/get-flow-windows/closing-acknowledgements.query';
export type { ClosingAcknowledgement } from './queries/get-flow-windows/closing-acknowledgements.query';

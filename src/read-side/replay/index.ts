/**
 * The public face of src/read-side/replay: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { combinationRecordOf } from './flow-window-records';
export type { CombinationRecord } from './flow-window-records';
export { readSideEventOf } from './read-side-event';
export type { StoredFact } from './stored-fact';
export { subjectStateOf } from './subject-state-of';

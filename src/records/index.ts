/**
 * The public face of src/records: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { RecordsModule } from './records.module';

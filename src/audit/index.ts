/**
 * The public face of src/audit: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { AuditModule } from './audit.module';
export { CHECKPOINT_SIGNING_KEY } from './audit.tokens';
export { logOrigin } from './checkpoints/checkpoint-signing-key';
export type { CheckpointSigningKey } from './checkpoints/checkpoint-signing-key';
export type { StoredCheckpoint } from './checkpoints/checkpoint-store';
export { AuditExporter } from './export/audit-exporter';
export { serializeBundleLine } from './export/bundle-lines';
export type { BundleLine } from './export/export-bundle';
export { exportCheckpoint } from './export/export-checkpoint';
export { cliExportLimits } from './export/export-limits';
export type { ExportRequest, ExportSelection } from './export/export-request';
export { ExportError } from './export/export.errors';
export { digestPersonalFields, leafHashOf, leafInput } from './leaf';
export { AuditLogReader } from './log/audit-log-reader';
export { LEAF_FORMAT_PINS } from './log/leaf-format-pins';
export { StreamChains } from './log/stream-chains';
export { logOfEvent } from './log/log-of-event';

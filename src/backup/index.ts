/**
 * The public face of src/backup: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { BackupError, BackupUsageError } from './backup.errors';
export { runBackup } from './run-backup';
export { runRestore } from './run-restore';

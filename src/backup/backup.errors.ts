/** A backup or restore cannot go ahead; the message says what to change. Exit code 1. */
export class BackupError extends Error {
  override readonly name: string = 'BackupError';
}

/** The command line itself is wrong (arguments, target directory, store kind). Exit code 2. */
export class BackupUsageError extends BackupError {
  override readonly name = 'BackupUsageError';
}

/** The backup files are not what the manifest says: corrupt, truncated or changed. */
export class BackupIntegrityError extends BackupError {
  override readonly name = 'BackupIntegrityError';
}

/**
 * The restore was refused after inspection: it would roll the log back behind a published
 * checkpoint, or the backup contradicts itself. The target stores were left as they were.
 */
export class RestoreRefusedError extends BackupError {
  override readonly name = 'RestoreRefusedError';
  constructor(readonly reasons: readonly string[]) {
    super(`restore refused:\n${reasons.map((reason) => `  - ${reason}`).join('\n')}`);
  }
}

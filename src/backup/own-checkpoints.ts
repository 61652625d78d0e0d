import { BackupError } from './backup.errors';
import { checkAgainst, describeFinding } from './log-checks';
import type { EventLogSummary } from './log-roots';
import type { SignedCheckpoint } from './store-facts';

/**
 * A copy whose read store holds a checkpoint its own event log does not reach or match is
 * no backup: the stores were not copied in order, or the live stores already disagreed.
 * Returns the problems (empty when every checkpoint is covered).
 */
export function ownCheckpointProblems(
  checkpoints: readonly SignedCheckpoint[],
  eventLog: EventLogSummary,
  what: string,
): string[] {
  return checkpoints
    .map((checkpoint) => checkAgainst({ ...checkpoint, source: `${what} read store` }, eventLog))
    .filter((finding) => finding.kind !== 'covered')
    .map((finding) => describeFinding(finding, what));
}

export function checkOwnCheckpoints(
  checkpoints: readonly SignedCheckpoint[],
  eventLog: EventLogSummary,
  what: string,
): void {
  const problems = ownCheckpointProblems(checkpoints, eventLog, what);
  if (problems.length > 0) {
    throw new BackupError(
      `the copied stores disagree, so this is no usable backup:\n  - ${problems.join('\n  - ')}`,
    );
  }
}

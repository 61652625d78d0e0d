import type { EventLogSummary } from './log-roots';

/** A checkpoint someone has seen: signed by this ledger, so the log must never fall behind it. */
export interface KnownCheckpoint {
  readonly log: string;
  readonly size: number;
  readonly root: Buffer;
  /** Where it was found, for messages: "the current read store", "checkpoint file x". */
  readonly source: string;
}

type CheckpointFinding =
  | { readonly kind: 'covered'; readonly checkpoint: KnownCheckpoint; readonly logSize: number }
  | { readonly kind: 'older'; readonly checkpoint: KnownCheckpoint; readonly logSize: number }
  | {
      readonly kind: 'inconsistent';
      readonly checkpoint: KnownCheckpoint;
      readonly logSize: number;
    };

/**
 * Compares a checkpoint with a log re-hashed from its events: the log must reach the
 * checkpoint's size (else it is *older*: leaves the world has seen are gone) and have the
 * signed root at that size (else it is *inconsistent*: another history). With every leaf at
 * hand, equal roots at the checkpoint's size prove what a consistency proof would.
 */
export function checkAgainst(
  checkpoint: KnownCheckpoint,
  eventLog: EventLogSummary,
): CheckpointFinding {
  const log = eventLog.logs.get(checkpoint.log);
  const logSize = log?.size ?? 0;
  if (checkpoint.size > logSize) return { kind: 'older', checkpoint, logSize };
  const root = checkpoint.size === logSize ? log?.root : log?.rootsAt.get(checkpoint.size);
  if (checkpoint.size === 0 || (root !== undefined && root.equals(checkpoint.root))) {
    return { kind: 'covered', checkpoint, logSize };
  }
  return { kind: 'inconsistent', checkpoint, logSize };
}

export function describeFinding(finding: CheckpointFinding, what: string): string {
  const { checkpoint, logSize } = finding;
  switch (finding.kind) {
    case 'covered':
      return `${what} log ${checkpoint.log} (${logSize} leaves) matches the checkpoint at size ${checkpoint.size} from ${checkpoint.source}`;
    case 'older':
      return `${what} log ${checkpoint.log} is OLDER than a published checkpoint: ${checkpoint.source} holds a checkpoint at size ${checkpoint.size}, ${what} log has ${logSize} leaves (${checkpoint.size - logSize} fewer)`;
    case 'inconsistent':
      return `${what} log ${checkpoint.log} is INCONSISTENT with a published checkpoint: at size ${checkpoint.size} its root differs from the one signed in ${checkpoint.source} (${what} log has ${logSize} leaves)`;
  }
}

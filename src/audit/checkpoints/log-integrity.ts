import type { SignOutcome } from './checkpoint-signer';

/**
 * What a signing round says about a tenant log's integrity:
 * - `inconsistent`: the log does not extend its latest signed checkpoint;
 * - `shrunk`: the log holds fewer leaves than its latest checkpoint although the audit-log
 *   projection has caught up with the event store — events that were signed over are gone.
 * A log that is behind only while its projection rebuilds is no problem.
 */
type LogIntegrityProblem = 'inconsistent' | 'shrunk';

export function logIntegrityProblem(
  outcome: SignOutcome,
  auditLogCaughtUp: boolean,
): LogIntegrityProblem | undefined {
  if (outcome.kind === 'refused') return 'inconsistent';
  if (outcome.kind === 'behind' && auditLogCaughtUp) return 'shrunk';
  return undefined;
}

import type { ErasureScope, SubjectEvent } from '../../consent/domain';
import type { ErasureWorkflow } from './erasure-workflow';

/**
 * The recipients the subject's data actually went to, within `scope`: those of the recorded
 * syncs (a refused sync sent nothing), each with the categories it received. Recipients and
 * categories are sorted, so the events built from them are the same on every replay.
 */
export function recipientsOf(
  facts: readonly SubjectEvent[],
  scope: ErasureScope,
): Map<string, string[]> {
  const received = new Map<string, Set<string>>();
  for (const event of facts) {
    if (event.type !== 'sync-recorded') continue;
    if (scope.kind === 'categories' && !scope.categories.includes(event.category)) continue;
    const categories = received.get(event.recipient) ?? new Set<string>();
    categories.add(event.category);
    received.set(event.recipient, categories);
  }
  return new Map(
    [...received.keys()]
      .sort()
      .map((recipient) => [recipient, [...received.get(recipient)!].sort()]),
  );
}

/** The recipients of the workflow's scope that were not notified yet. */
export function recipientsToNotify(
  facts: readonly SubjectEvent[],
  workflow: ErasureWorkflow,
): Map<string, string[]> {
  const pending = recipientsOf(facts, workflow.scope);
  for (const recipient of workflow.notified.keys()) pending.delete(recipient);
  return pending;
}

import type { RecordErasureNotifications } from './erasure-step.commands';
import type { ErasureProcessorNotified, SubjectState } from '../../consent/domain';
import { recipientsToNotify } from './erasure-recipients';
import { checkStepTime, requireWorkflow, stepBase } from './erasure-step-checks';

/**
 * Art. 19: every recipient the subject's data went to (a recorded sync within the request's
 * scope) is to be told of the erasure, once. Recording nothing is the answer when all of
 * them already were, or when the request is completed, so the step may run any number of
 * times (after every relevant sync, after a crash) without a refusal.
 */
export function recordErasureNotifications(
  command: RecordErasureNotifications,
  state: SubjectState,
): ErasureProcessorNotified[] {
  const workflow = requireWorkflow(state, command.erasureId);
  checkStepTime(command, state, workflow);
  if (workflow.completion) return [];
  return [...recipientsToNotify(state.facts, workflow)].map(([recipient, categories]) => ({
    ...stepBase(command),
    type: 'erasure-processor-notified',
    recipient,
    categories,
  }));
}

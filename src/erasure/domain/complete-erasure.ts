import type { CompleteErasure } from './erasure-step.commands';
import type { ErasureCompleted, ErasureRecipientOutcome, SubjectState } from '../../consent/domain';
import { recipientsToNotify } from './erasure-recipients';
import { ErasureRefusal } from './erasure-refusal';
import type { ErasureWorkflow } from './erasure-workflow';
import { checkStepTime, requireOpen, requireWorkflow, stepBase } from './erasure-step-checks';

/**
 * The request is done when every notified recipient has confirmed, or when a privacy
 * officer overrides the missing confirmations with a reason. Either way every recipient
 * must have been notified first: an override excuses an unresponsive processor, not an
 * untold one. Completion is final; for an account erasure it triggers the shredding.
 */
export function completeErasure(command: CompleteErasure, state: SubjectState): ErasureCompleted[] {
  const workflow = requireWorkflow(state, command.erasureId);
  requireOpen(workflow);
  checkStepTime(command, state, workflow);
  const pending = [...recipientsToNotify(state.facts, workflow).keys()];
  if (pending.length > 0) {
    throw new ErasureRefusal(
      'erasure-notifications-pending',
      `recipients ${pending.join(', ')} are not notified yet; retry once the workflow has notified them`,
      { pending },
    );
  }
  const recipients = outcomes(workflow);
  const unconfirmed = recipients.filter((r) => !r.confirmed).map((r) => r.recipient);
  if (command.override) {
    if (command.actor !== 'privacy-officer') {
      throw new ErasureRefusal(
        'override-not-permitted',
        'only a privacy officer may complete an erasure without every confirmation',
      );
    }
    if (!command.override.reason) {
      throw new ErasureRefusal('reason-required', 'an override needs a reason', {
        field: 'override.reason',
      });
    }
  } else if (unconfirmed.length > 0) {
    throw new ErasureRefusal(
      'erasure-not-confirmed',
      `recipients ${unconfirmed.join(', ')} have not confirmed; wait for them, or override with a reason`,
      { unconfirmed },
    );
  }
  return [
    {
      ...stepBase(command),
      type: 'erasure-completed',
      scope: workflow.scope,
      completion: command.override ? 'override' : 'all-confirmed',
      ...(command.override ? { overrideReason: command.override.reason } : {}),
      actor: command.actor,
      recipients,
    },
  ];
}

function outcomes(workflow: ErasureWorkflow): ErasureRecipientOutcome[] {
  return [...workflow.notified.keys()].sort().map((recipient) => {
    const confirmation = workflow.confirmed.get(recipient);
    return confirmation
      ? { recipient, confirmed: true, confirmedAt: confirmation.confirmedAt }
      : { recipient, confirmed: false };
  });
}

import type { ConfirmErasure } from './erasure-step.commands';
import type { ErasureProcessorConfirmed, SubjectState } from '../../consent/domain';
import { ErasureRefusal } from './erasure-refusal';
import {
  checkStatedInstant,
  checkStepTime,
  requireOpen,
  requireWorkflow,
  stepBase,
} from './erasure-step-checks';

/**
 * A processor confirms it erased the subject's data. Only a notified recipient can; a
 * second confirmation of the same recipient records nothing (the first one stands).
 */
export function confirmErasure(
  command: ConfirmErasure,
  state: SubjectState,
): ErasureProcessorConfirmed[] {
  const workflow = requireWorkflow(state, command.erasureId);
  requireOpen(workflow);
  checkStepTime(command, state, workflow);
  if (!workflow.notified.has(command.recipient)) {
    const notified = [...workflow.notified.keys()];
    throw new ErasureRefusal(
      'recipient-not-notified',
      `recipient "${command.recipient}" was not notified of erasure ${workflow.erasureId}; notified: ${notified.join(', ') || 'none'}`,
      { field: 'recipient', notified },
    );
  }
  if (workflow.confirmed.has(command.recipient)) return [];
  const confirmedAt = command.confirmedAt ?? command.occurredAt;
  checkStatedInstant(confirmedAt, 'confirmedAt', command, workflow);
  return [
    {
      ...stepBase(command),
      type: 'erasure-processor-confirmed',
      recipient: command.recipient,
      confirmedAt,
    },
  ];
}

import { DomainError } from '../../shared/domain/domain-error';
import { isIsoInstant, toIso, toMillis } from '../../shared/time/instant';
import type { ExtendErasureDeadline } from './erasure-step.commands';
import type { ErasureDeadlineExtended, SubjectState } from '../../consent/domain';
import { latestExtendedDeadline } from './erasure-deadline';
import { ErasureRefusal } from './erasure-refusal';
import {
  checkStatedInstant,
  checkStepTime,
  requireOpen,
  requireWorkflow,
  stepBase,
} from './erasure-step-checks';

/**
 * Art. 12(3): the controller may take up to two further months, once, if it decides so and
 * tells the subject within the first month. So the extension is recorded before the
 * original deadline passes, the subject was told by then, and the new deadline lies after
 * the original one and at most three months after the request.
 */
export function extendErasureDeadline(
  command: ExtendErasureDeadline,
  state: SubjectState,
): ErasureDeadlineExtended[] {
  const workflow = requireWorkflow(state, command.erasureId);
  requireOpen(workflow);
  const at = checkStepTime(command, state, workflow);
  const original = toIso(workflow.originalDeadline);
  if (workflow.extension) {
    throw new ErasureRefusal(
      'erasure-already-extended',
      `the deadline of erasure ${workflow.erasureId} was already extended; it can be extended once`,
      { deadline: toIso(workflow.deadline) },
    );
  }
  if (at > workflow.originalDeadline) {
    throw new ErasureRefusal(
      'erasure-deadline-passed',
      `the deadline ${original} has passed; an extension must be decided within the first month`,
      { originalDeadline: original },
    );
  }
  const latest = latestExtendedDeadline(workflow.requestedAt);
  const newDeadline = command.newDeadline ?? toIso(latest);
  if (!isIsoInstant(newDeadline)) {
    throw new DomainError(
      'invalid-time',
      'newDeadline must be an ISO-8601 UTC instant with milliseconds',
      { field: 'newDeadline' },
    );
  }
  const requested = toMillis(newDeadline);
  if (requested <= workflow.originalDeadline || requested > latest) {
    throw new ErasureRefusal(
      'invalid-erasure-deadline',
      `newDeadline must lie after ${original} and no later than ${toIso(latest)} (three months after the request)`,
      { field: 'newDeadline', originalDeadline: original, latestDeadline: toIso(latest) },
    );
  }
  const told = checkStatedInstant(command.subjectToldAt, 'subjectToldAt', command, workflow);
  if (told > workflow.originalDeadline) {
    throw new ErasureRefusal(
      'subject-told-too-late',
      `the subject must be told of the extension within the first month, by ${original}`,
      { field: 'subjectToldAt', originalDeadline: original },
    );
  }
  if (!command.reason) {
    throw new ErasureRefusal('reason-required', 'an extension needs the reason for the delay', {
      field: 'reason',
    });
  }
  return [
    {
      ...stepBase(command),
      type: 'erasure-deadline-extended',
      newDeadline,
      subjectToldAt: command.subjectToldAt,
      reason: command.reason,
    },
  ];
}

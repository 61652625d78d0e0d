import { DomainError } from '../../shared/domain/domain-error';
import { isIsoInstant, toMillis } from '../../shared/time/instant';
import { checkOccurredAt, requireRegistered } from '../../consent/domain';
import type { ErasureStepCommand } from './erasure-step.commands';
import type { SubjectState } from '../../consent/domain';
import { ErasureRefusal } from './erasure-refusal';
import { erasureWorkflow, type ErasureWorkflow } from './erasure-workflow';

/** The request a step is about (of a registered subject), or a refusal naming it. */
export function requireWorkflow(state: SubjectState, erasureId: string): ErasureWorkflow {
  requireRegistered(state);
  const workflow = erasureWorkflow(state.facts, erasureId);
  if (!workflow) throw erasureNotFound(erasureId);
  return workflow;
}

/** What a request for an erasure the subject does not have gets (and what a processor gets for one not about it). */
export function erasureNotFound(erasureId: string): ErasureRefusal {
  return new ErasureRefusal(
    'erasure-not-found',
    `the subject has no erasure request ${erasureId}`,
    {
      erasureId,
    },
  );
}

export function requireOpen(workflow: ErasureWorkflow): void {
  if (workflow.completion) {
    throw new ErasureRefusal(
      'erasure-already-completed',
      `erasure ${workflow.erasureId} is already completed; it takes no further steps`,
      { erasureId: workflow.erasureId, completedAt: workflow.completion.occurredAt },
    );
  }
}

/**
 * The step's valid time: within the clock skew unless imported (as for every subject
 * command), and never before the request it belongs to. Returns it in epoch ms.
 */
export function checkStepTime(
  command: ErasureStepCommand,
  state: SubjectState,
  workflow: ErasureWorkflow,
): number {
  const at = checkOccurredAt(command.occurredAt, command.context, requireRegistered(state));
  if (at < workflow.requestedAt) {
    throw new DomainError('invalid-time', 'occurredAt lies before the erasure was requested');
  }
  return at;
}

/**
 * An instant a caller states about the past (when the subject was told, when a processor
 * erased): well-formed, not before the request, not in the future.
 */
export function checkStatedInstant(
  value: string,
  field: string,
  command: ErasureStepCommand,
  workflow: ErasureWorkflow,
): number {
  if (!isIsoInstant(value)) {
    throw new DomainError(
      'invalid-time',
      `${field} must be an ISO-8601 UTC instant with milliseconds`,
      { field },
    );
  }
  const at = toMillis(value);
  if (at > command.context.now + command.context.maxClockSkewMs) {
    throw new DomainError('invalid-time', `${field} lies in the future`, { field });
  }
  if (at < workflow.requestedAt) {
    throw new DomainError('invalid-time', `${field} lies before the erasure was requested`, {
      field,
    });
  }
  return at;
}

/** The fields every workflow event carries. */
export function stepBase(command: ErasureStepCommand) {
  return {
    schemaVersion: 1 as const,
    tenantId: command.context.tenantId,
    subjectId: command.subjectId,
    occurredAt: command.occurredAt,
    erasureId: command.erasureId,
  };
}

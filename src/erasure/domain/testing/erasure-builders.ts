import type { IsoInstant } from '../../../shared/time/instant';
import type { CommandContext } from '../../../consent/domain/subject/subject.commands';
import type {
  CompleteErasure,
  ConfirmErasure,
  ExtendErasureDeadline,
  RecordErasureNotifications,
} from '../erasure-step.commands';
import type {
  Actor,
  ErasureCompleted,
  ErasureDeadlineExtended,
  ErasureProcessorConfirmed,
  ErasureProcessorNotified,
  ErasureRecipientOutcome,
  ErasureScope,
} from '../../../consent/domain/subject/subject.events';
import {
  NOW,
  SUBJECT_ID,
  TENANT_ID,
  commandContext,
  sealed,
} from '../../../consent/domain/testing/fixtures';

/**
 * Erasure workflow commands and the events they record, with shared defaults (erasure
 * `erasure-1`, valid time NOW), so that `when(confirm(r)).then([confirmed(r)])` holds
 * without repeating a field.
 */
export const ERASURE_ID = 'erasure-1';
/** Requested eleven days before NOW: the original deadline is 2026-06-20, end of day. */
export const REQUESTED_AT: IsoInstant = '2026-05-20T10:00:00.000Z';
export const ORIGINAL_DEADLINE: IsoInstant = '2026-06-20T23:59:59.999Z';
export const LATEST_DEADLINE: IsoInstant = '2026-08-20T23:59:59.999Z';

interface StepOptions {
  at?: IsoInstant;
  erasureId?: string;
  context?: CommandContext;
}

function commandBase(options: StepOptions) {
  return {
    context: options.context ?? commandContext(),
    subjectId: SUBJECT_ID,
    occurredAt: options.at ?? NOW,
    erasureId: options.erasureId ?? ERASURE_ID,
  };
}

function eventBase(options: { at?: IsoInstant; erasureId?: string }) {
  return {
    schemaVersion: 1 as const,
    tenantId: TENANT_ID,
    subjectId: SUBJECT_ID,
    occurredAt: options.at ?? NOW,
    erasureId: options.erasureId ?? ERASURE_ID,
  };
}

export function recordNotifications(options: StepOptions = {}): RecordErasureNotifications {
  return { ...commandBase(options), type: 'record-erasure-notifications' };
}

export function extendDeadline(
  options: StepOptions & {
    newDeadline?: IsoInstant;
    subjectToldAt?: IsoInstant;
    reason?: string;
  } = {},
): ExtendErasureDeadline {
  return {
    ...commandBase(options),
    type: 'extend-erasure-deadline',
    ...(options.newDeadline !== undefined ? { newDeadline: options.newDeadline } : {}),
    subjectToldAt: options.subjectToldAt ?? NOW,
    reason: sealed(options.reason ?? 'backlog'),
  };
}

export function confirm(
  recipient: string,
  options: StepOptions & { confirmedAt?: IsoInstant } = {},
): ConfirmErasure {
  return {
    ...commandBase(options),
    type: 'confirm-erasure',
    recipient,
    ...(options.confirmedAt !== undefined ? { confirmedAt: options.confirmedAt } : {}),
  };
}

export function complete(
  options: StepOptions & { overrideReason?: string; actor?: Actor } = {},
): CompleteErasure {
  return {
    ...commandBase(options),
    type: 'complete-erasure',
    ...(options.overrideReason !== undefined
      ? { override: { reason: sealed(options.overrideReason) } }
      : {}),
    actor: options.actor ?? 'privacy-officer',
  };
}

export function notified(
  recipient: string,
  categories: readonly string[],
  options: { at?: IsoInstant; erasureId?: string } = {},
): ErasureProcessorNotified {
  return { ...eventBase(options), type: 'erasure-processor-notified', recipient, categories };
}

export function confirmed(
  recipient: string,
  options: { at?: IsoInstant; erasureId?: string; confirmedAt?: IsoInstant } = {},
): ErasureProcessorConfirmed {
  return {
    ...eventBase(options),
    type: 'erasure-processor-confirmed',
    recipient,
    confirmedAt: options.confirmedAt ?? options.at ?? NOW,
  };
}

export function extended(
  options: {
    at?: IsoInstant;
    erasureId?: string;
    newDeadline?: IsoInstant;
    subjectToldAt?: IsoInstant;
    reason?: string;
  } = {},
): ErasureDeadlineExtended {
  return {
    ...eventBase(options),
    type: 'erasure-deadline-extended',
    newDeadline: options.newDeadline ?? LATEST_DEADLINE,
    subjectToldAt: options.subjectToldAt ?? NOW,
    reason: sealed(options.reason ?? 'backlog'),
  };
}

export function completed(
  recipients: readonly ErasureRecipientOutcome[],
  options: {
    at?: IsoInstant;
    erasureId?: string;
    scope?: ErasureScope;
    overrideReason?: string;
    actor?: Actor;
  } = {},
): ErasureCompleted {
  return {
    ...eventBase(options),
    type: 'erasure-completed',
    scope: options.scope ?? { kind: 'account' },
    completion: options.overrideReason !== undefined ? 'override' : 'all-confirmed',
    ...(options.overrideReason !== undefined
      ? { overrideReason: sealed(options.overrideReason) }
      : {}),
    actor: options.actor ?? 'privacy-officer',
    recipients,
  };
}

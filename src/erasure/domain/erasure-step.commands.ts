import type { SubjectCommandBase, Actor } from '../../consent/domain';
import type { IsoInstant } from '../../shared/time/instant';
import type { SealedValue } from '../../shared/domain/sealed-value';

/**
 * The erasure workflow's steps after the request. They run on the subject's stream (its
 * state knows the request, the notifications and the confirmations), decided here rather
 * than by the consent rules: `erasureStepDecider`.
 */
export interface RecordErasureNotifications extends SubjectCommandBase {
  readonly type: 'record-erasure-notifications';
  readonly erasureId: string;
}

export interface ExtendErasureDeadline extends SubjectCommandBase {
  readonly type: 'extend-erasure-deadline';
  readonly erasureId: string;
  /** Defaults to the latest deadline allowed: three months after the request. */
  readonly newDeadline?: IsoInstant;
  readonly subjectToldAt: IsoInstant;
  readonly reason: SealedValue;
}

export interface ConfirmErasure extends SubjectCommandBase {
  readonly type: 'confirm-erasure';
  readonly erasureId: string;
  readonly recipient: string;
  /** When the processor erased the data; defaults to `occurredAt`. */
  readonly confirmedAt?: IsoInstant;
}

export interface CompleteErasure extends SubjectCommandBase {
  readonly type: 'complete-erasure';
  readonly erasureId: string;
  /** Completes although not every recipient confirmed; only a privacy officer may. */
  readonly override?: { readonly reason: SealedValue };
  readonly actor: Actor;
}

export type ErasureStepCommand =
  RecordErasureNotifications | ExtendErasureDeadline | ConfirmErasure | CompleteErasure;

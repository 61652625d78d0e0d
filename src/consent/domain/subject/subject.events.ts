import type { Precision } from '../policy/policy-document';
import type { IsoInstant } from '../../../shared/time/instant';
import type { SealedValue } from '../../../shared/domain/sealed-value';

/** Fields every subject event carries. `subjectId` is the random pseudonym, never the app's id. */
interface SubjectEventBase {
  readonly schemaVersion: 1;
  readonly tenantId: string;
  readonly subjectId: string;
  /** Valid time: when it happened (imports may back-date it). */
  readonly occurredAt: IsoInstant;
}

/** Who a consent decision or request came from. */
export const ACTORS = ['subject', 'app', 'privacy-officer', 'import'] as const;
export type Actor = (typeof ACTORS)[number];

export interface SubjectRegistered extends SubjectEventBase {
  readonly type: 'subject-registered';
  /** Data-centre region the subject's data must stay in. */
  readonly residency: string;
  readonly appSubjectId: SealedValue;
  readonly email?: SealedValue;
  readonly phone?: SealedValue;
}

/** A standing permission: (category, recipient, purpose) under a policy version. */
export interface Permission {
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
}

export interface ConsentGranted extends SubjectEventBase, Permission {
  readonly type: 'consent-granted';
  readonly policyVersion: number;
  readonly expiresAt?: IsoInstant;
  readonly actor: Actor;
}

export interface ConsentRevoked extends SubjectEventBase, Permission {
  readonly type: 'consent-revoked';
  readonly policyVersion: number;
  readonly actor: Actor;
}

/** The basis on which a flow was permitted. */
export const BASES = ['grant', 'opt-out-default', 'mandatory', 'one-off-sync'] as const;
export type Basis = (typeof BASES)[number];

/** Why a flow was not permitted; several may hold at once. */
export const REFUSAL_REASONS = [
  'no-basis',
  'revoked',
  'expired',
  'lapsed-by-policy-change',
  'local-data-mode',
  'erased',
  'region',
  'precision',
  'per-transfer-only',
  'not-offered',
  'before-registration',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

interface SyncFields extends Permission {
  /** Caller's id for the transfer, unique per subject. */
  readonly syncId: string;
  readonly precision: Precision;
  /** A user-initiated sync is itself a one-off consent for this one transfer. */
  readonly userInitiated: boolean;
  readonly recordIds?: readonly string[];
  readonly sizeBytes?: number;
  /** Coarsened location sent with the data, encrypted like every personal field. */
  readonly location?: SealedValue;
  readonly policyVersion: number;
}

export interface SyncRecorded extends SubjectEventBase, SyncFields {
  readonly type: 'sync-recorded';
  readonly basis: Basis;
}

export interface SyncRefused extends SubjectEventBase, SyncFields {
  readonly type: 'sync-refused';
  readonly reasons: readonly RefusalReason[];
}

export interface LocalDataModeSwitchedOn extends SubjectEventBase {
  readonly type: 'local-data-mode-switched-on';
}

export interface LocalDataModeSwitchedOff extends SubjectEventBase {
  readonly type: 'local-data-mode-switched-off';
}

export type ErasureScope =
  | { readonly kind: 'account' }
  | { readonly kind: 'categories'; readonly categories: readonly string[] };

export interface ErasureRequested extends SubjectEventBase {
  readonly type: 'erasure-requested';
  readonly erasureId: string;
  readonly scope: ErasureScope;
  readonly requestedBy: Actor;
}

/** A step of the erasure workflow (src/erasure/domain): names its request. */
interface ErasureStepBase extends SubjectEventBase {
  readonly erasureId: string;
}

/**
 * The workflow determined that `recipient` received the subject's data (a recorded sync)
 * and must be told to erase it (Art. 19). The intent to notify, not the delivery.
 */
export interface ErasureProcessorNotified extends ErasureStepBase {
  readonly type: 'erasure-processor-notified';
  readonly recipient: string;
  /** The categories within the request's scope that flowed to the recipient, sorted. */
  readonly categories: readonly string[];
}

export interface ErasureProcessorConfirmed extends ErasureStepBase {
  readonly type: 'erasure-processor-confirmed';
  readonly recipient: string;
  /** When the processor says it erased the data. */
  readonly confirmedAt: IsoInstant;
}

/** Art. 12(3): up to two more months, if the subject was told within the first month. */
export interface ErasureDeadlineExtended extends ErasureStepBase {
  readonly type: 'erasure-deadline-extended';
  readonly newDeadline: IsoInstant;
  readonly subjectToldAt: IsoInstant;
  /** Free text, so personal data: sealed. */
  readonly reason: SealedValue;
}

export const ERASURE_COMPLETIONS = ['all-confirmed', 'override'] as const;
export type ErasureCompletion = (typeof ERASURE_COMPLETIONS)[number];

export interface ErasureRecipientOutcome {
  readonly recipient: string;
  readonly confirmed: boolean;
  readonly confirmedAt?: IsoInstant;
}

export interface ErasureCompleted extends ErasureStepBase {
  readonly type: 'erasure-completed';
  /** The request's scope again, so that shredding needs no other event. */
  readonly scope: ErasureScope;
  readonly completion: ErasureCompletion;
  /** Why the privacy officer completed without every confirmation; sealed free text. */
  readonly overrideReason?: SealedValue;
  readonly actor: Actor;
  /** Every notified recipient, sorted, with its confirmation. */
  readonly recipients: readonly ErasureRecipientOutcome[];
}

export type ErasureStepEvent =
  ErasureProcessorNotified | ErasureProcessorConfirmed | ErasureDeadlineExtended | ErasureCompleted;

export type SubjectEvent =
  | SubjectRegistered
  | ConsentGranted
  | ConsentRevoked
  | SyncRecorded
  | SyncRefused
  | LocalDataModeSwitchedOn
  | LocalDataModeSwitchedOff
  | ErasureRequested
  | ErasureStepEvent;

export type SubjectEventType = SubjectEvent['type'];

/** Fields that hold personal data (sealed), per event type: the audit log digests them. */
export const PERSONAL_FIELDS: Readonly<Record<SubjectEventType, readonly string[]>> = {
  'subject-registered': ['appSubjectId', 'email', 'phone'],
  'consent-granted': [],
  'consent-revoked': [],
  'sync-recorded': ['location'],
  'sync-refused': ['location'],
  'local-data-mode-switched-on': [],
  'local-data-mode-switched-off': [],
  'erasure-requested': [],
  'erasure-processor-notified': [],
  'erasure-processor-confirmed': [],
  'erasure-deadline-extended': ['reason'],
  'erasure-completed': ['overrideReason'],
};

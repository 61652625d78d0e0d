import type { Precision } from '../policy/policy-document';
import type { IsoInstant } from '../shared/instant';
import type { SealedValue } from './sealed-value';

/** Fields every subject event carries. `subjectId` is the random pseudonym, never the app's id. */
interface SubjectEventBase {
  readonly schemaVersion: 1;
  readonly tenantId: string;
  readonly subjectId: string;
  /** Valid time: when it happened (imports may back-date it). */
  readonly occurredAt: IsoInstant;
}

/** Who a consent decision or request came from. */
export type Actor = 'subject' | 'app' | 'privacy-officer' | 'import';

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
export type Basis = 'grant' | 'opt-out-default' | 'mandatory' | 'one-off-sync';

/** Why a flow was not permitted; several may hold at once. */
export type RefusalReason =
  | 'no-basis'
  | 'revoked'
  | 'expired'
  | 'lapsed-by-policy-change'
  | 'local-data-mode'
  | 'erased'
  | 'region'
  | 'precision'
  | 'per-transfer-only'
  | 'not-offered'
  | 'before-registration';

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

export type SubjectEvent =
  | SubjectRegistered
  | ConsentGranted
  | ConsentRevoked
  | SyncRecorded
  | SyncRefused
  | LocalDataModeSwitchedOn
  | LocalDataModeSwitchedOff
  | ErasureRequested;

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
};

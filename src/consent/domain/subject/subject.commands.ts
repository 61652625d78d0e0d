import type { PolicyHistory } from '../policy/policy-history';
import type { Precision } from '../policy/policy-document';
import type { IsoInstant } from '../../../shared/time/instant';
import type { SealedValue } from '../../../shared/domain/sealed-value';
import type { Actor, ErasureScope, Permission } from './subject.events';

/**
 * What every subject command brings from outside, so the rules stay pure: the tenant's
 * policy history, the clock reading, and whether the caller may back-date (imports only).
 */
export interface CommandContext {
  readonly tenantId: string;
  readonly policy: PolicyHistory;
  /** Epoch ms when the command was received. */
  readonly now: number;
  /** How far `occurredAt` may lie in the future (clock skew between device and server). */
  readonly maxClockSkewMs: number;
  /** Only importers may record events whose valid time lies in the past. */
  readonly mayBackdate: boolean;
}

/** What every command on a subject's stream carries (the erasure steps too: src/erasure/domain). */
export interface SubjectCommandBase {
  readonly context: CommandContext;
  readonly subjectId: string;
  /** Valid time; defaults to `context.now` in the application layer. */
  readonly occurredAt: IsoInstant;
}

export interface RegisterSubject extends SubjectCommandBase {
  readonly type: 'register-subject';
  readonly residency: string;
  readonly appSubjectId: SealedValue;
  readonly email?: SealedValue;
  readonly phone?: SealedValue;
}

export interface GrantConsent extends SubjectCommandBase, Permission {
  readonly type: 'grant-consent';
  readonly expiresAt?: IsoInstant;
  readonly actor: Actor;
}

export interface RevokeConsent extends SubjectCommandBase, Permission {
  readonly type: 'revoke-consent';
  readonly actor: Actor;
}

export interface RecordSync extends SubjectCommandBase, Permission {
  readonly type: 'record-sync';
  readonly syncId: string;
  readonly precision: Precision;
  readonly userInitiated: boolean;
  readonly recordIds?: readonly string[];
  readonly sizeBytes?: number;
  readonly location?: SealedValue;
}

export interface SwitchLocalDataMode extends SubjectCommandBase {
  readonly type: 'switch-local-data-mode';
  readonly on: boolean;
}

export interface RequestErasure extends SubjectCommandBase {
  readonly type: 'request-erasure';
  readonly erasureId: string;
  readonly scope: ErasureScope;
  readonly requestedBy: Actor;
}

/** The workflow step: every recipient the subject's data went to is to be told (Art. 19). */
export type SubjectCommand =
  | RegisterSubject
  | GrantConsent
  | RevokeConsent
  | RecordSync
  | SwitchLocalDataMode
  | RequestErasure;

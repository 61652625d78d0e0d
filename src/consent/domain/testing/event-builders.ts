import type { Precision } from '../policy/policy-document';
import type { IsoInstant } from '../../../shared/time/instant';
import type {
  Actor,
  Basis,
  ConsentGranted,
  ConsentRevoked,
  ErasureRequested,
  ErasureScope,
  LocalDataModeSwitchedOff,
  LocalDataModeSwitchedOn,
  Permission,
  RefusalReason,
  SubjectRegistered,
  SyncRecorded,
  SyncRefused,
} from '../subject/subject.events';
import { NOW, REGISTERED_AT, SUBJECT_ID, TENANT_ID, droneAppPolicy, sealed } from './fixtures';

/**
 * Subject events as the decider records them, with the same defaults as the command
 * builders: `when(grant(p)).then([granted(p)])` holds without repeating a field.
 */
function base(at: IsoInstant) {
  return { schemaVersion: 1 as const, tenantId: TENANT_ID, subjectId: SUBJECT_ID, occurredAt: at };
}

export function registered(
  options: { at?: IsoInstant; residency?: string } = {},
): SubjectRegistered {
  return {
    ...base(options.at ?? REGISTERED_AT),
    type: 'subject-registered',
    residency: options.residency ?? 'row',
    appSubjectId: sealed('app-subject-id'),
  };
}

export interface ChoiceOptions {
  at?: IsoInstant;
  policyVersion?: number;
  actor?: Actor;
}

export function granted(
  permission: Permission,
  options: ChoiceOptions & { expiresAt?: IsoInstant } = {},
): ConsentGranted {
  return {
    ...base(options.at ?? NOW),
    type: 'consent-granted',
    ...permission,
    policyVersion: options.policyVersion ?? 1,
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    actor: options.actor ?? 'subject',
  };
}

export function revoked(permission: Permission, options: ChoiceOptions = {}): ConsentRevoked {
  return {
    ...base(options.at ?? NOW),
    type: 'consent-revoked',
    ...permission,
    policyVersion: options.policyVersion ?? 1,
    actor: options.actor ?? 'subject',
  };
}

export interface SyncOptions {
  at?: IsoInstant;
  syncId?: string;
  /** Defaults to the first precision the drone-app policy allows for the category. */
  precision?: Precision;
  userInitiated?: boolean;
  policyVersion?: number;
}

export function syncRecorded(
  permission: Permission,
  basis: Basis,
  options: SyncOptions = {},
): SyncRecorded {
  return { ...syncFields(permission, options), type: 'sync-recorded', basis };
}

export function syncRefused(
  permission: Permission,
  reasons: readonly RefusalReason[],
  options: SyncOptions = {},
): SyncRefused {
  return { ...syncFields(permission, options), type: 'sync-refused', reasons };
}

function syncFields(permission: Permission, options: SyncOptions) {
  return {
    ...base(options.at ?? NOW),
    syncId: options.syncId ?? 'sync-1',
    ...permission,
    precision: options.precision ?? defaultPrecision(permission.category),
    userInitiated: options.userInitiated ?? false,
    policyVersion: options.policyVersion ?? 1,
  };
}

export function defaultPrecision(category: string): Precision {
  return droneAppPolicy().categories.find((c) => c.key === category)?.precisions[0] ?? 'precise';
}

export function localDataModeSwitchedOn(at: IsoInstant = NOW): LocalDataModeSwitchedOn {
  return { ...base(at), type: 'local-data-mode-switched-on' };
}

export function localDataModeSwitchedOff(at: IsoInstant = NOW): LocalDataModeSwitchedOff {
  return { ...base(at), type: 'local-data-mode-switched-off' };
}

export function erasureRequested(
  scope: ErasureScope,
  options: { at?: IsoInstant; erasureId?: string; requestedBy?: Actor } = {},
): ErasureRequested {
  return {
    ...base(options.at ?? NOW),
    type: 'erasure-requested',
    erasureId: options.erasureId ?? 'erasure-1',
    scope,
    requestedBy: options.requestedBy ?? 'subject',
  };
}

import type { Precision } from '../policy/policy-document';
import type { IsoInstant } from '../../../shared/time/instant';
import type {
  CommandContext,
  GrantConsent,
  RecordSync,
  RegisterSubject,
  RequestErasure,
  RevokeConsent,
  SwitchLocalDataMode,
} from '../subject/subject.commands';
import type { Actor, ErasureScope, Permission } from '../subject/subject.events';
import { defaultPrecision } from './event-builders';
import { NOW, REGISTERED_AT, SUBJECT_ID, commandContext, sealed } from './fixtures';

/** Subject commands with the defaults of the event builders; `context` defaults to a live one at NOW. */
interface CommandOptions {
  at?: IsoInstant;
  context?: CommandContext;
}

function base(options: CommandOptions, defaultAt: IsoInstant = NOW) {
  return {
    context: options.context ?? commandContext(),
    subjectId: SUBJECT_ID,
    occurredAt: options.at ?? defaultAt,
  };
}

/** Registers at REGISTERED_AT by default, so the context should be an importer's or be at that time. */
export function register(options: CommandOptions & { residency?: string } = {}): RegisterSubject {
  return {
    ...base(options, REGISTERED_AT),
    type: 'register-subject',
    residency: options.residency ?? 'row',
    appSubjectId: sealed('app-subject-id'),
  };
}

export function grant(
  permission: Permission,
  options: CommandOptions & { expiresAt?: IsoInstant; actor?: Actor } = {},
): GrantConsent {
  return {
    ...base(options),
    type: 'grant-consent',
    ...permission,
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    actor: options.actor ?? 'subject',
  };
}

export function revoke(
  permission: Permission,
  options: CommandOptions & { actor?: Actor } = {},
): RevokeConsent {
  return {
    ...base(options),
    type: 'revoke-consent',
    ...permission,
    actor: options.actor ?? 'subject',
  };
}

export function recordSync(
  permission: Permission,
  options: CommandOptions & {
    syncId?: string;
    precision?: Precision;
    userInitiated?: boolean;
  } = {},
): RecordSync {
  return {
    ...base(options),
    type: 'record-sync',
    ...permission,
    syncId: options.syncId ?? 'sync-1',
    precision: options.precision ?? defaultPrecision(permission.category),
    userInitiated: options.userInitiated ?? false,
  };
}

export function switchLocalDataMode(
  on: boolean,
  options: CommandOptions = {},
): SwitchLocalDataMode {
  return { ...base(options), type: 'switch-local-data-mode', on };
}

export function requestErasure(
  scope: ErasureScope,
  options: CommandOptions & { erasureId?: string; requestedBy?: Actor } = {},
): RequestErasure {
  return {
    ...base(options),
    type: 'request-erasure',
    erasureId: options.erasureId ?? 'erasure-1',
    scope,
    requestedBy: options.requestedBy ?? 'subject',
  };
}

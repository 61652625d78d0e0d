import { evaluatePermission } from '../permission/evaluate-permission';
import { localDataModeAt } from '../permission/local-data-mode';
import type { PolicyDocument } from '../policy/policy-document';
import type { Decider } from '../../../shared/domain/decider';
import { DomainError } from '../../../shared/domain/domain-error';
import { isIsoInstant } from '../../../shared/time/instant';
import {
  checkOccurredAt,
  policyInForce,
  requireNotErased,
  requireOffered,
  requireRegistered,
} from './command-checks';
import type {
  GrantConsent,
  RecordSync,
  RegisterSubject,
  RequestErasure,
  RevokeConsent,
  SubjectCommand,
  SwitchLocalDataMode,
} from './subject.commands';
import type { SubjectEvent } from './subject.events';
import { evolveSubject, initialSubjectState, type SubjectState } from './subject.state';

/**
 * One subject's consent history: the consistency boundary of every consent rule. The
 * erasure workflow's later steps run on the same stream with their own decider
 * (src/erasure/domain/erasure-step.decider.ts).
 */
export const subjectDecider: Decider<SubjectCommand, SubjectEvent, SubjectState> = {
  initialState: initialSubjectState,
  evolve: evolveSubject,
  decide(command, state) {
    switch (command.type) {
      case 'register-subject':
        return register(command, state);
      case 'grant-consent':
        return grant(command, state);
      case 'revoke-consent':
        return revoke(command, state);
      case 'record-sync':
        return recordSync(command, state);
      case 'switch-local-data-mode':
        return switchLocalDataMode(command, state);
      case 'request-erasure':
        return requestErasure(command, state);
    }
  },
};

function base(command: SubjectCommand) {
  return {
    schemaVersion: 1 as const,
    tenantId: command.context.tenantId,
    subjectId: command.subjectId,
    occurredAt: command.occurredAt,
  };
}

function register(command: RegisterSubject, state: SubjectState): SubjectEvent[] {
  if (state.registration) {
    throw new DomainError('subject-already-registered', 'the subject is already registered');
  }
  const at = checkOccurredAt(command.occurredAt, command.context);
  const policy = policyInForce(command.context, at);
  if (!policy.regions.includes(command.residency)) {
    throw new DomainError(
      'unknown-region',
      `unknown residency "${command.residency}"; valid: ${policy.regions.join(', ')}`,
      { field: 'residency', allowed: policy.regions },
    );
  }
  return [
    {
      ...base(command),
      type: 'subject-registered',
      residency: command.residency,
      appSubjectId: command.appSubjectId,
      ...(command.email ? { email: command.email } : {}),
      ...(command.phone ? { phone: command.phone } : {}),
    },
  ];
}

/**
 * Grants and revocations are about standing consent: the subject must be registered and not
 * erased, the combination offered by the policy in force, and the category one whose flow a
 * standing choice can change (not mandatory, not per-transfer).
 */
function checkStandingConsent(
  command: GrantConsent | RevokeConsent,
  state: SubjectState,
  refusal: { mandatory: string; perTransfer: string },
): PolicyDocument {
  const registration = requireRegistered(state);
  requireNotErased(state);
  const at = checkOccurredAt(command.occurredAt, command.context, registration);
  const policy = policyInForce(command.context, at);
  const category = requireOffered(policy, command);
  if (category.default === 'mandatory') {
    throw new DomainError('mandatory-category', `category "${category.key}" ${refusal.mandatory}`);
  }
  if (category.default === 'per-transfer') {
    throw new DomainError(
      'per-transfer-category',
      `category "${category.key}" ${refusal.perTransfer}`,
    );
  }
  return policy;
}

function grant(command: GrantConsent, state: SubjectState): SubjectEvent[] {
  const policy = checkStandingConsent(command, state, {
    mandatory: 'is mandatory: it always flows and needs no grant',
    perTransfer: 'never flows by standing consent; each transfer is a user-initiated sync',
  });
  if (command.expiresAt !== undefined && !isIsoInstant(command.expiresAt)) {
    throw new DomainError(
      'invalid-time',
      'expiresAt must be an ISO-8601 UTC instant with milliseconds',
    );
  }
  if (command.expiresAt !== undefined && !(command.expiresAt > command.occurredAt)) {
    throw new DomainError('invalid-time', 'expiresAt must lie after occurredAt');
  }
  return [
    {
      ...base(command),
      type: 'consent-granted',
      category: command.category,
      recipient: command.recipient,
      purpose: command.purpose,
      policyVersion: policy.version,
      ...(command.expiresAt ? { expiresAt: command.expiresAt } : {}),
      actor: command.actor,
    },
  ];
}

function revoke(command: RevokeConsent, state: SubjectState): SubjectEvent[] {
  const policy = checkStandingConsent(command, state, {
    mandatory: 'is mandatory and cannot be revoked; only Local Data Mode stops it',
    perTransfer: 'has no standing consent to revoke; each transfer is a user-initiated sync',
  });
  return [
    {
      ...base(command),
      type: 'consent-revoked',
      category: command.category,
      recipient: command.recipient,
      purpose: command.purpose,
      policyVersion: policy.version,
      actor: command.actor,
    },
  ];
}

/** A flow that is not permitted is not an error: its refusal is recorded as an event. */
function recordSync(command: RecordSync, state: SubjectState): SubjectEvent[] {
  const registration = requireRegistered(state);
  requireNotErased(state);
  const at = checkOccurredAt(command.occurredAt, command.context, registration);
  const policy = policyInForce(command.context, at);
  requireOffered(policy, command);
  if (state.syncIds.has(command.syncId)) {
    throw new DomainError('duplicate-id', `sync ${command.syncId} is already recorded`);
  }
  const answer = evaluatePermission(state, command.context.policy, {
    category: command.category,
    recipient: command.recipient,
    purpose: command.purpose,
    precision: command.precision,
    userInitiated: command.userInitiated,
    at,
  });
  const fields = {
    ...base(command),
    syncId: command.syncId,
    category: command.category,
    recipient: command.recipient,
    purpose: command.purpose,
    precision: command.precision,
    userInitiated: command.userInitiated,
    policyVersion: policy.version,
    ...(command.recordIds ? { recordIds: command.recordIds } : {}),
    ...(command.sizeBytes !== undefined ? { sizeBytes: command.sizeBytes } : {}),
    ...(command.location ? { location: command.location } : {}),
  };
  return answer.permitted && answer.basis
    ? [{ ...fields, type: 'sync-recorded', basis: answer.basis }]
    : [{ ...fields, type: 'sync-refused', reasons: answer.reasons }];
}

/**
 * Switching to the mode the subject is already in records nothing. "Already in" is the mode
 * at the command's valid time, not the newest one: a back-dated switch may change the past.
 */
function switchLocalDataMode(command: SwitchLocalDataMode, state: SubjectState): SubjectEvent[] {
  const registration = requireRegistered(state);
  requireNotErased(state);
  const at = checkOccurredAt(command.occurredAt, command.context, registration);
  if (localDataModeAt(state.facts, at) === command.on) return [];
  return [
    {
      ...base(command),
      type: command.on ? 'local-data-mode-switched-on' : 'local-data-mode-switched-off',
    },
  ];
}

function requestErasure(command: RequestErasure, state: SubjectState): SubjectEvent[] {
  const registration = requireRegistered(state);
  if (state.accountErasureRequested) {
    throw new DomainError(
      'erasure-already-requested',
      'erasure of the whole account was already requested',
    );
  }
  const at = checkOccurredAt(command.occurredAt, command.context, registration);
  if (state.erasureIds.has(command.erasureId)) {
    throw new DomainError('duplicate-id', `erasure ${command.erasureId} is already recorded`);
  }
  if (command.scope.kind === 'categories') {
    const policy = policyInForce(command.context, at);
    const known = policy.categories.map((c) => c.key);
    const unknown = command.scope.categories.filter((c) => !known.includes(c));
    if (command.scope.categories.length === 0 || unknown.length > 0) {
      throw new DomainError(
        'unknown-category',
        `erasure categories must be non-empty and known; valid: ${known.join(', ')}`,
        { field: 'scope.categories', allowed: known },
      );
    }
  }
  return [
    {
      ...base(command),
      type: 'erasure-requested',
      erasureId: command.erasureId,
      scope: command.scope,
      requestedBy: command.requestedBy,
    },
  ];
}

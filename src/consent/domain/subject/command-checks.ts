import type { CategoryDefinition, PolicyDocument } from '../policy/policy-document';
import { DomainError } from '../../../shared/domain/domain-error';
import { isIsoInstant, toMillis } from '../../../shared/time/instant';
import type { CommandContext } from './subject.commands';
import type { Permission } from './subject.events';
import type { Registration, SubjectState } from './subject.state';

/** Valid time: never beyond the allowed clock skew; in the past only for importers. */
export function checkOccurredAt(
  occurredAt: string,
  context: CommandContext,
  registration?: Registration,
): number {
  if (!isIsoInstant(occurredAt)) {
    throw new DomainError(
      'invalid-time',
      'occurredAt must be an ISO-8601 UTC instant with milliseconds',
    );
  }
  const at = toMillis(occurredAt);
  if (at > context.now + context.maxClockSkewMs) {
    throw new DomainError(
      'invalid-time',
      `occurredAt lies more than ${context.maxClockSkewMs} ms in the future`,
    );
  }
  if (!context.mayBackdate && at < context.now - context.maxClockSkewMs) {
    throw new DomainError(
      'invalid-time',
      'occurredAt lies in the past; only imports (with the import permission) may back-date events',
    );
  }
  if (registration && at < registration.registeredAt) {
    throw new DomainError('invalid-time', 'occurredAt lies before the subject was registered');
  }
  return at;
}

export function requireRegistered(state: SubjectState): Registration {
  if (!state.registration) {
    throw new DomainError('subject-not-registered', 'the subject is not registered');
  }
  return state.registration;
}

/** After an account erasure was requested only erasure-workflow events are accepted. */
export function requireNotErased(state: SubjectState): void {
  if (state.accountErasureRequested) {
    throw new DomainError(
      'subject-erased',
      'erasure of this account was requested; only the erasure workflow may continue',
    );
  }
}

export function policyInForce(context: CommandContext, at: number): PolicyDocument {
  const version = context.policy.inForceAt(at);
  if (!version) {
    throw new DomainError(
      'policy-not-published',
      'the tenant has no policy in force at that time; publish one first',
    );
  }
  return version.document;
}

/** The category of a (category, recipient, purpose) the policy offers, or a clear error. */
export function requireOffered(policy: PolicyDocument, permission: Permission): CategoryDefinition {
  const category = policy.categories.find((c) => c.key === permission.category);
  if (!category) {
    throw new DomainError(
      'unknown-category',
      `unknown category "${permission.category}"; valid: ${policy.categories.map((c) => c.key).join(', ')}`,
      { field: 'category', allowed: policy.categories.map((c) => c.key) },
    );
  }
  if (!policy.recipients.some((r) => r.key === permission.recipient)) {
    throw new DomainError(
      'unknown-recipient',
      `unknown recipient "${permission.recipient}"; valid: ${policy.recipients.map((r) => r.key).join(', ')}`,
      { field: 'recipient', allowed: policy.recipients.map((r) => r.key) },
    );
  }
  if (!policy.purposes.some((p) => p.key === permission.purpose)) {
    throw new DomainError(
      'unknown-purpose',
      `unknown purpose "${permission.purpose}"; valid: ${policy.purposes.map((p) => p.key).join(', ')}`,
      { field: 'purpose', allowed: policy.purposes.map((p) => p.key) },
    );
  }
  if (
    !category.recipients.includes(permission.recipient) ||
    !category.purposes.includes(permission.purpose)
  ) {
    throw new DomainError(
      'combination-not-offered',
      `category "${category.key}" flows only to ${category.recipients.join(', ')} for ${category.purposes.join(', ')}`,
      { recipients: category.recipients, purposes: category.purposes },
    );
  }
  return category;
}

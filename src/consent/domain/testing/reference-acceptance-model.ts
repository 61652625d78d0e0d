import type { PolicyDocument } from '../policy/policy-document';
import type { PolicyPublished } from '../policy/policy.events';
import type { DomainErrorCode } from '../../../shared/domain/domain-error';
import type { SubjectCommand } from '../subject/subject.commands';
import type { Permission, SubjectEvent } from '../subject/subject.events';
import { versionInForce } from './reference-permission-model';

/**
 * Every refusal that applies to a subject command, written from the rules in the brief and
 * DOMAIN.md rather than from the decider. The decider stops at the first refusal it checks,
 * so it must throw one of these, and must accept the command exactly when there are none.
 * Conditions that cannot be judged (no policy in force) are left out, not guessed.
 */
export function applicableRefusals(
  command: SubjectCommand,
  events: readonly SubjectEvent[],
  policies: readonly PolicyPublished[],
): Set<DomainErrorCode> {
  const refusals = new Set<DomainErrorCode>();
  const registration = events.find((e) => e.type === 'subject-registered');
  const accountErased = events.some(
    (e) => e.type === 'erasure-requested' && e.scope.kind === 'account',
  );
  const at = strictInstant(command.occurredAt);
  const { now, maxClockSkewMs, mayBackdate } = command.context;
  const timeRefused =
    Number.isNaN(at) ||
    at > now + maxClockSkewMs ||
    (!mayBackdate && at < now - maxClockSkewMs) ||
    (command.type !== 'register-subject' &&
      registration !== undefined &&
      at < Date.parse(registration.occurredAt));
  if (timeRefused) refusals.add('invalid-time');
  const policy = timeRefused ? undefined : versionInForce(policies, at);
  const needsPolicy = () => {
    if (!timeRefused && !policy) refusals.add('policy-not-published');
  };

  if (command.type === 'register-subject') {
    if (registration) refusals.add('subject-already-registered');
    needsPolicy();
    if (policy && !policy.regions.includes(command.residency)) refusals.add('unknown-region');
    return refusals;
  }
  if (!registration) refusals.add('subject-not-registered');

  switch (command.type) {
    case 'grant-consent':
    case 'revoke-consent': {
      if (accountErased) refusals.add('subject-erased');
      needsPolicy();
      const category = policy && offeredCategory(policy, command, refusals);
      if (category === 'mandatory') refusals.add('mandatory-category');
      if (category === 'per-transfer') refusals.add('per-transfer-category');
      const expiresAt = command.type === 'grant-consent' ? command.expiresAt : undefined;
      if (expiresAt !== undefined && !(strictInstant(expiresAt) > at)) refusals.add('invalid-time');
      break;
    }
    case 'record-sync': {
      if (accountErased) refusals.add('subject-erased');
      needsPolicy();
      if (policy) offeredCategory(policy, command, refusals);
      const ids = events.flatMap((e) =>
        e.type === 'sync-recorded' || e.type === 'sync-refused' ? [e.syncId] : [],
      );
      if (ids.includes(command.syncId)) refusals.add('duplicate-id');
      break;
    }
    case 'switch-local-data-mode':
      if (accountErased) refusals.add('subject-erased');
      break;
    case 'request-erasure': {
      if (accountErased) refusals.add('erasure-already-requested');
      const ids = events.flatMap((e) => (e.type === 'erasure-requested' ? [e.erasureId] : []));
      if (ids.includes(command.erasureId)) refusals.add('duplicate-id');
      if (command.scope.kind === 'categories') {
        needsPolicy();
        const keys = policy?.categories.map((c) => c.key);
        const categories = command.scope.categories;
        if (keys && (categories.length === 0 || categories.some((c) => !keys.includes(c)))) {
          refusals.add('unknown-category');
        }
      }
      break;
    }
  }
  return refusals;
}

/** Epoch ms of `2026-06-01T12:00:00.000Z`-style instants of real dates; NaN for anything else. */
function strictInstant(value: string): number {
  const millis = Date.parse(value);
  const canonical = !Number.isNaN(millis) && new Date(millis).toISOString() === value;
  return canonical ? millis : NaN;
}

/** Adds what the policy does not offer; returns the category's default when it is known. */
function offeredCategory(
  policy: PolicyDocument,
  permission: Permission,
  refusals: Set<DomainErrorCode>,
): string | undefined {
  const category = policy.categories.find((c) => c.key === permission.category);
  if (!category) refusals.add('unknown-category');
  if (!policy.recipients.some((r) => r.key === permission.recipient)) {
    refusals.add('unknown-recipient');
  }
  if (!policy.purposes.some((p) => p.key === permission.purpose)) refusals.add('unknown-purpose');
  if (
    category &&
    (!category.recipients.includes(permission.recipient) ||
      !category.purposes.includes(permission.purpose))
  ) {
    refusals.add('combination-not-offered');
  }
  return category?.default;
}
